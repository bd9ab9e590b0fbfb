package org.segdiampick.job;

/** A micrograph could not be processed and {@code --fail-fast} asked to stop the run. */
public class MicrographFailedException extends RuntimeException {
    private final String micrograph;

    public MicrographFailedException(String micrograph, String problem, Throwable cause) {
        super(micrograph + ": failed (--fail-fast): " + problem, cause);
        this.micrograph = micrograph;
    }

    public String micrograph() {
        return micrograph;
    }
}
