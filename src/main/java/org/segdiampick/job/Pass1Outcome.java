package org.segdiampick.job;

import java.io.Serializable;

/**
 * What stage 1 sends back to the driver for one micrograph: its particles (three numbers each) and a few
 * numbers, never images. Stage 6 filters these particles; only an {@link Status#IMPORTED} micrograph, whose
 * centres a {@code preprocess} run did not record, has its binary image labelled again.
 *
 * @param particles pick-time (uncorrected) diameters and centres, component order; empty unless picked or
 *                  imported (imported: diameters only)
 * @param den       density image written or imported (null if none)
 * @param bin       binary image written or imported (null if none: not kept, constant, > 98 % carbon, failed)
 * @param thumb     density thumbnail rendered in pass 1 from the image in memory (null if none)
 */
public record Pass1Outcome(int index, String name, Status status, String error, Particles particles,
                           int rawNx, int rawNy, String den, String topo, String bin, String diam, String thumb,
                           double carbonFraction, String executorId, long millis) implements Serializable {

    public enum Status {
        /** Picked from the raw micrograph, at least one particle. */
        PICKED,
        /** Imported from a {@code preprocess} run (policy stage 1, first branch). */
        IMPORTED,
        /** Picked, no component passed the gate: skipped silently (policy stage 1). */
        NO_PARTICLES,
        /** More than 98 % amorphous carbon: no particles, no images. */
        CARBON,
        /** Could not be processed (missing, corrupt, constant, non-finite, wrong pixel size): state = 0 + error. */
        FAILED
    }

    static Pass1Outcome failed(MicTask task, String error, String executorId, long millis) {
        return new Pass1Outcome(task.index(), task.name(), Status.FAILED, error, Particles.NONE, 0, 0,
                null, null, null, null, null, 0, executorId, millis);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public boolean imported() {
        return status == Status.IMPORTED;
    }

    /** Pick-time diameters, Å. */
    public double[] diameters() {
        return particles.diameters();
    }

    public int count() {
        return particles.size();
    }
}
