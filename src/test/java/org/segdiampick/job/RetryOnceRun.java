package org.segdiampick.job;

import org.apache.spark.TaskContext;
import org.segdiampick.cli.Main;

/**
 * Test-only entry point ({@link InterruptedRunTest}, in a JVM of its own): the CLI, with every stage-6 task
 * failing on its first attempt right after it has written its box file (as it creates the coordinate file next to
 * it, through {@link InstrumentedLocalFileSystem}), so Spark must retry it.
 */
final class RetryOnceRun {
    /** Not fatal for Spark (unlike VirtualMachineError/LinkageError), and not caught by {@link RepickStage} or Storage. */
    static final class InjectedTaskFailure extends Error {
        InjectedTaskFailure(String message) {
            super(message);
        }
    }

    private RetryOnceRun() {
    }

    public static void main(String[] args) {
        InstrumentedLocalFileSystem.onCreate = path -> {
            TaskContext tc = TaskContext.get();
            if (tc != null && tc.attemptNumber() == 0 && InterruptedRunTest.isCoordinateFile(path))
                throw new InjectedTaskFailure("injected failure of the first attempt after writing the box file for " + path);
        };
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(InstrumentedLocalFileSystem.sparkConf());
        Main.main(all.toArray(String[]::new));
    }
}
