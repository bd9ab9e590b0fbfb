package org.segdiampick.job;

import org.apache.spark.TaskContext;
import org.segdiampick.cli.Main;

/**
 * Test-only entry point ({@link InterruptedRunTest}, in a JVM of its own): the CLI, with every stage-6 task
 * failing on its first attempt right after it has written its box file, so Spark must retry it.
 */
final class RetryOnceRun {
    /** Not fatal for Spark (unlike VirtualMachineError/LinkageError), and not caught by {@link RepickStage}. */
    static final class InjectedTaskFailure extends Error {
        InjectedTaskFailure(String message) {
            super(message);
        }
    }

    private RetryOnceRun() {
    }

    public static void main(String[] args) {
        RepickStage.afterBoxWritten = name -> {
            TaskContext tc = TaskContext.get();
            if (tc != null && tc.attemptNumber() == 0)
                throw new InjectedTaskFailure("injected failure of the first attempt after writing the box file of " + name);
        };
        Main.main(args);
    }
}
