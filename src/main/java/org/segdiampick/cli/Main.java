package org.segdiampick.cli;

import org.segdiampick.estimate.Clustering;
import org.segdiampick.pick.Contrast;
import org.segdiampick.estimate.EstimationException;
import org.segdiampick.image.Fft;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.job.MicrographFailedException;
import org.segdiampick.job.RunFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single entry point: {@code segdiampick import|estimate|preprocess|run}. Works under spark-submit
 * (shaded jar) and embedded ({@code submit/segdiampick}, local Spark). Exit codes: {@link ExitCodes}.
 */
@Command(name = "segdiampick", mixinStandardHelpOptions = true, version = "segdiampick 0.1.0",
        description = "Segmentation-based particle picking and diameter estimation for cryo-EM micrographs on Spark.",
        subcommands = {ImportCommand.class, EstimateCommand.class, PreprocessCommand.class, RunCommand.class})
public class Main implements Runnable {

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } finally {
            Fft.shutdown();
        }
        System.exit(code);
    }

    /** The configured command line, also used by the tests (they call {@code execute} and read the exit code). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // enums are parsed by picocli: a bad value is a usage error (exit code 2) naming the option
        cl.registerConverter(Contrast.class, Contrast::parse);
        cl.registerConverter(Clustering.class, Clustering::parse);
        cl.registerConverter(org.segdiampick.job.Picker.class, org.segdiampick.job.Picker::parse);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // a signal stopped the run: the JVM exits with 143/130 and job.Interruption has printed the one line
            if (org.segdiampick.job.Interruption.signalled()) return ExitCodes.INTERRUPTED;
            int code = exitCodeOf(ex);
            cmd.getErr().println("segdiampick: " + oneLine(ex));
            // an environment failure (storage) is one line naming the path; its trace is in the Spark log
            if (code == ExitCodes.INTERNAL && !isEnvironment(ex)) ex.printStackTrace(cmd.getErr());
            return code;
        });
        return cl;
    }

    static boolean isEnvironment(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause())
            if (t instanceof RunFailedException r && r.reason() == RunFailedException.Reason.ENVIRONMENT) return true;
        return false;
    }

    static int exitCodeOf(Throwable ex) {
        return ExitCodes.of(ex);
    }

    static String oneLine(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause())
            if (t instanceof RunFailedException || t instanceof EstimationException || t instanceof MicrographFailedException
                    || t instanceof InputFormatException) return t.getMessage().replace('\n', ' ');
        String m = ex.getMessage();
        return (m == null ? ex.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
