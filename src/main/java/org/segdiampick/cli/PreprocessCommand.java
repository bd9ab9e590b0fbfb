package org.segdiampick.cli;

import org.apache.spark.sql.SparkSession;
import org.segdiampick.io.OptionRanges;
import org.segdiampick.io.OutLocation;
import org.segdiampick.job.PreprocessJob;
import org.segdiampick.job.PreprocessOptions;
import org.segdiampick.job.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code preprocess}: pass 1 only; a later {@code run} imports its results (SIMPLE's segdiampick_preprocess). */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = "Pick every micrograph (pass 1 only), write density/topology/binary images and a diameter file "
                + "per micrograph under OUT and register them in the project, for a later run to import.")
public class PreprocessCommand implements Callable<Integer> {

    @Option(names = "--project", paramLabel = "P.jsonl", required = true, description = "Project; updated in place.")
    String project;

    @Option(names = "--out", paramLabel = "OUT", required = true, description = "Output folder for the images and diameter files.")
    String out;

    @Option(names = "--overwrite",
            description = "Write into an OUT that holds another batch's outputs (OUT/_BATCH.json) or files segdiampick did not "
                    + "write; without it such an OUT is refused (exit 2). One OUT per batch.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Mixin
    PickOptions pick = new PickOptions();

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Override
    public Integer call() throws Exception {
        OptionRanges.checkPick(null, pick.moldiamMax, pick.micTo, pick.maxFailedFraction);
        out = OutLocation.checkLocalOut(out, OutLocation.effectiveMaster(spark.master));
        SparkSession session = SparkSessions.create("segdiampick preprocess", spark.master, spark.conf);
        PreprocessOptions o = new PreprocessOptions(project, out, pick.micTo, pick.pcontrast, pick.moldiamMax,
                pick.failFast, pick.maxFailedFraction, overwrite);
        var s = PreprocessJob.run(session, o);
        spec.commandLine().getOut().println("preprocessed " + s.get("micrographs").get("selected").asInt() + " micrographs, "
                + s.get("micrographs").get("particles").asLong() + " particles -> " + out);
        return ExitCodes.OK;
    }
}
