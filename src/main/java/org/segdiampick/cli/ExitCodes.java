package org.segdiampick.cli;

/** Process exit codes of every subcommand; the README's "Exit codes" table mirrors this class. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The environment failed after Spark's retries (storage error naming the path, lost cluster, memory), or a bug. */
    public static final int INTERNAL = 1;
    /** Bad arguments, or unreadable/malformed input (the message names the file and line). */
    public static final int BAD_INPUT = 2;
    /** Nothing to estimate from: no diameters, too few for k-means, or no cluster accepted. */
    public static final int NOTHING_TO_ESTIMATE = 3;
    /** More micrographs failed than {@code --max-failed-fraction} allows (or one did, with {@code --fail-fast}). */
    public static final int TOO_MANY_FAILED = 4;

    /** Stopped by SIGTERM (128 + 15), what Airflow sends on a timeout; SIGINT gives 130. Rerun to resume. */
    public static final int INTERRUPTED = 143;

    private ExitCodes() {
    }

    /** The exit code of a command that ended with {@code ex}: the one place where failures become codes. */
    public static int of(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof org.segdiampick.job.RunFailedException r) return switch (r.reason()) {
                case NOTHING_TO_ESTIMATE -> NOTHING_TO_ESTIMATE;
                case TOO_MANY_FAILED -> TOO_MANY_FAILED;
                case ENVIRONMENT -> INTERNAL;
                case INTERRUPTED -> INTERRUPTED;
            };
            if (t instanceof org.segdiampick.estimate.EstimationException) return NOTHING_TO_ESTIMATE;
            if (t instanceof org.segdiampick.job.MicrographFailedException) return TOO_MANY_FAILED;
            if (t instanceof org.segdiampick.io.InputFormatException || t instanceof IllegalArgumentException
                    || t instanceof java.io.FileNotFoundException) return BAD_INPUT;
        }
        return INTERNAL;
    }
}
