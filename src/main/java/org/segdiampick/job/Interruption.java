package org.segdiampick.job;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * SIGTERM (what Airflow sends on a timeout) and SIGINT (Ctrl-C) during a run: the JVM runs its shutdown hooks and
 * exits with 143 or 130. This hook runs first among them (before Spark stops its context and before the locks are
 * released): it sets a flag that the command line reads instead of printing the failure the cancelled Spark job
 * causes, turns logging off so that the cancellation's traces are not printed, cancels the Spark jobs, and prints
 * one line: interrupted, how many micrographs are checkpointed, rerun the same command to resume.
 */
public final class Interruption implements AutoCloseable {
    /** Above Spark's own hook (FileSystem's priority + 30) and {@link org.segdiampick.io.OutLock}'s (+ 10). */
    private static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 90;
    private static volatile boolean signalled;
    private static volatile LongSupplier checkpointed = () -> 0;

    private final Runnable hook;
    private boolean closed;

    private Interruption(Runnable hook) {
        this.hook = hook;
    }

    /** True once a signal stopped a run of this JVM: the process is exiting, the one line is printed. */
    public static boolean signalled() {
        return signalled;
    }

    /** How stage 1 counts the micrographs checkpointed so far (those of earlier runs included). */
    static void counting(LongSupplier count) {
        checkpointed = count;
    }

    /** Installs the hook for one run of {@code total} micrographs whose checkpoints go to {@code folder}. */
    static Interruption install(SparkSession spark, String folder, int total) {
        checkpointed = () -> 0;
        Runnable hook = () -> {
            signalled = true;
            PrintStream err = System.err;
            quietLogging();
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            try {
                spark.sparkContext().cancelAllJobs();
            } catch (RuntimeException e) {
                // the context is already stopping: nothing left to cancel
            }
            err.println("segdiampick: interrupted; " + checkpointed.getAsLong() + " of " + total + " micrographs are checkpointed in "
                    + folder + "; rerun the same command to resume");
            err.flush();
        };
        ShutdownHookManager.get().addShutdownHook(hook, PRIORITY);
        return new Interruption(hook);
    }

    private static void quietLogging() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME,
                    org.apache.logging.log4j.Level.OFF);
        } catch (LinkageError | RuntimeException e) {
            // another logging backend: its lines are left as they are
        }
    }

    /** The run ended (normally or by an exception): the hook goes, unless the JVM is already shutting down. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        checkpointed = () -> 0;
        if (!ShutdownHookManager.get().isShutdownInProgress()) ShutdownHookManager.get().removeShutdownHook(hook);
    }
}
