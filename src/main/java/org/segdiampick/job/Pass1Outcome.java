package org.segdiampick.job;

import java.io.Serializable;

/**
 * What stage 1 sends back to the driver for one micrograph: diameters and a few numbers, never images.
 *
 * @param diameters pick-time (uncorrected) diameters, Å, component order; empty unless picked or imported
 * @param den       density image written or imported (null if none)
 * @param bin       binary image written or imported (null if none: constant, > 98 % carbon, failed)
 */
public record Pass1Outcome(int index, String name, Status status, String error, double[] diameters,
                           int rawNx, int rawNy, String den, String topo, String bin, String diam,
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

    public boolean failed() {
        return status == Status.FAILED;
    }

    public int count() {
        return diameters == null ? 0 : diameters.length;
    }
}
