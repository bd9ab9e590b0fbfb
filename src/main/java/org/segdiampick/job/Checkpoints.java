package org.segdiampick.job;

/** Every micrograph's pass-1 result, recorded beside the outputs as soon as it is done ({@code OUT/checkpoints/}). */
final class Checkpoints {
    /** The folder inside OUT. */
    static final String FOLDER = "checkpoints";

    private Checkpoints() {
    }
}
