package org.segdiampick.job;

import java.io.IOException;

/**
 * Writing one of the run's own outputs failed (disk full, quota, a folder where a file should go, an S3 error
 * after the client's retries): a problem of the environment, not of the micrograph. It is never recorded as the
 * micrograph's {@code state = 0}; the task fails, Spark retries it ({@code spark.task.maxFailures}), and if the
 * retries fail too the run stops with exit code 1 naming the path ({@link RunFailedException.Reason#ENVIRONMENT}).
 * Reading a micrograph is the micrograph's problem and stays a failed outcome ({@link PickStage}).
 */
public class StorageFailure extends RuntimeException {
    /** An output write that may throw. */
    @FunctionalInterface
    interface Write<T> {
        T run() throws IOException;
    }

    public StorageFailure(String path, IOException cause) {
        super("storage error writing " + path + ": " + firstLine(cause.getMessage())
                + " (an environment problem, not the micrograph's: no micrograph was marked; fix the storage and rerun to resume)", cause);
    }

    /** Runs an output write; its IOException becomes a {@link StorageFailure} naming {@code path}. */
    static <T> T writing(String path, Write<T> w) {
        try {
            return w.run();
        } catch (IOException e) {
            throw new StorageFailure(path, e);
        }
    }

    private static String firstLine(String m) {
        return m == null ? "I/O error" : m.lines().findFirst().orElse("I/O error");
    }
}
