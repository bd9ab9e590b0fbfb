package org.segdiampick.cli;

/** Process exit codes of every subcommand; the README's "Exit codes" table mirrors this class. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Unexpected internal error (a bug or an environment failure such as a lost cluster). */
    public static final int INTERNAL = 1;
    /** Bad arguments, or unreadable/malformed input (the message names the file and line). */
    public static final int BAD_INPUT = 2;
    /** Nothing to estimate from: no diameters, too few for k-means, or no cluster accepted. */
    public static final int NOTHING_TO_ESTIMATE = 3;
    /** More micrographs failed than {@code --max-failed-fraction} allows (or one did, with {@code --fail-fast}). */
    public static final int TOO_MANY_FAILED = 4;

    private ExitCodes() {
    }
}
