package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.segdiampick.io.Storage;

import java.io.IOException;

/**
 * Writing one of the run's own outputs failed (disk full, quota, a folder where a file should go, an S3 error
 * after the client's retries): a problem of the environment, not of the micrograph. It is never recorded as the
 * micrograph's {@code state = 0}; the task fails, Spark retries it ({@code spark.task.maxFailures}), and if the
 * retries fail too the run stops with exit code 1 naming the path ({@link RunFailedException.Reason#ENVIRONMENT}).
 * Reading a micrograph is the micrograph's problem and stays a failed outcome ({@link PickStage}).
 *
 * <p>Hadoop reports a full local disk as {@link FSError}, an {@link Error} rather than an IOException: both are
 * storage failures here.
 */
public class StorageFailure extends RuntimeException {
    private static final String REMEDY = " (an environment problem, not the micrograph's: no micrograph was marked; "
            + "fix the storage and rerun to resume)";

    /** An output write that may throw. */
    @FunctionalInterface
    interface Write<T> {
        T run() throws IOException;
    }

    /** @param cause an IOException or an {@link FSError} */
    public StorageFailure(String path, Throwable cause) {
        super("storage error writing " + path + ": " + withoutPath(path, firstLine(cause.getMessage())) + REMEDY, cause);
    }

    /** Runs an output write on an executor; its IOException or FSError becomes a {@link StorageFailure} naming {@code path}. */
    static <T> T writing(String path, Write<T> w) {
        try {
            return w.run();
        } catch (IOException | FSError e) {
            throw new StorageFailure(path, e);
        }
    }

    /** Deletes an earlier run's output at {@code path}, if any; a failure is a {@link StorageFailure} naming it. */
    static void deleting(String path, Configuration conf) {
        writing(path, () -> {
            Storage.delete(path, conf);
            return null;
        });
    }

    /**
     * The failure of one of the driver's writes of OUT and the project, as the run's end (exit 1): one line naming the
     * path, which every {@link org.segdiampick.io.Storage} failure message starts with.
     *
     * @param e an IOException or an {@link FSError}
     */
    static RunFailedException onDriver(Throwable e) {
        return new RunFailedException(RunFailedException.Reason.ENVIRONMENT, "storage error: " + firstLine(e.getMessage()) + REMEDY, e);
    }

    /** Storage's messages start with the path: said once. */
    private static String withoutPath(String path, String m) {
        return m.startsWith(path + ": ") ? m.substring(path.length() + 2) : m;
    }

    private static String firstLine(String m) {
        return m == null ? "I/O error" : m.lines().findFirst().orElse("I/O error");
    }
}
