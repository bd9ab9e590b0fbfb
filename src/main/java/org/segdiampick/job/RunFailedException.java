package org.segdiampick.job;

/**
 * The run stops for a reason the user can act on; the project is left as it was. The command line maps the
 * reason to the process exit code (cli.ExitCodes, README "Exit codes").
 */
public class RunFailedException extends RuntimeException {

    public enum Reason {
        /** No diameters, too few for k-means, no cluster accepted, or no micrograph to process. */
        NOTHING_TO_ESTIMATE,
        /** More micrographs failed than allowed, or one did with {@code --fail-fast}. */
        TOO_MANY_FAILED,
        /** The environment failed (storage, after Spark's task retries): exit 1, no micrograph marked. */
        ENVIRONMENT,
        /** The run was interrupted by SIGTERM/SIGINT (exit 143/130 come from the JVM's signal exit). */
        INTERRUPTED
    }

    private final Reason reason;

    public RunFailedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RunFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
