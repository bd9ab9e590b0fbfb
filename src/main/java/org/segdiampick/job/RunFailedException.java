package org.segdiampick.job;

/** The run stops with a given exit code (README "Exit codes"); the project is left as it was. */
public class RunFailedException extends RuntimeException {
    private final int exitCode;

    public RunFailedException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public RunFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
