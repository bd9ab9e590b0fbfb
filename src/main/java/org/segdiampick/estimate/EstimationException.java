package org.segdiampick.estimate;

import org.segdiampick.cli.ExitCodes;

/**
 * The diameters do not allow an estimate (no diameters, too few for k-means, no cluster accepted;
 * decisions.md B-5, B-7, B-8). Carries the process exit code; the message is one line.
 */
public class EstimationException extends RuntimeException {
    private final int exitCode;

    public EstimationException(String message) {
        this(message, ExitCodes.NOTHING_TO_ESTIMATE);
    }

    public EstimationException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Exit code for the command line ({@link ExitCodes#NOTHING_TO_ESTIMATE}). */
    public int exitCode() {
        return exitCode;
    }
}
