package org.segdiampick.cli;

import org.apache.spark.sql.SparkSession;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.io.OptionRanges;
import org.segdiampick.io.OutLocation;
import org.segdiampick.io.OptionException;
import org.segdiampick.job.Picker;
import org.segdiampick.job.RunOptions;
import org.segdiampick.job.SegDiamPickJob;
import org.segdiampick.job.SparkSessions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code run}: the whole job (policy stages 1–6) on Spark. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Pick every micrograph, estimate the particle diameter from the whole batch, derive box size and "
                + "mask diameter, re-pick and write box files, RELION coordinates, thumbnails, summary.json and report.html.",
                "Paths may be local, hdfs:// or s3a://."})
public class RunCommand implements Callable<Integer> {

    static class Input {
        @Option(names = "--project", paramLabel = "P.jsonl", required = true,
                description = "Project to process; updated in place at the end (previous version kept as P.jsonl.prev).")
        String project;

        @ArgGroup(exclusive = false)
        MicsInput mics;
    }

    static class MicsInput {
        @Option(names = "--mics", paramLabel = "STAR|DIR|GLOB", required = true,
                description = "Shortcut: import these micrographs into OUT/project.jsonl first.")
        String mics;

        @Option(names = "--smpd", paramLabel = "Å", description = "Pixel size (needed unless the STAR file or MRC headers give it).")
        Double smpd;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--out", paramLabel = "OUT", required = true, description = "Output folder.")
    String out;

    @Option(names = "--clustering", paramLabel = "kmeans|hac", defaultValue = "kmeans",
            description = "Clustering of the diameters (default: ${DEFAULT-VALUE}).")
    Clustering clustering;

    @Option(names = "--decision", paramLabel = "summary.json",
            description = "Apply a previous batch's bounds, box size and mask diameter instead of estimating.")
    String decision;

    @Option(names = "--picker", paramLabel = "segmentation|refined", defaultValue = "segmentation",
            description = {"Final picks: 'segmentation' (policy stage 6, the pass-1 components inside the accepted bounds) or "
                    + "'refined' (a blob detector at the batch's learned particle diameter, with a learned threshold and a "
                    + "figure of merit per pick; docs/picking.md). Box size and mask diameter are the policy's either way "
                    + "(default: ${DEFAULT-VALUE}).",
                    "With --decision, 'refined' skips pass 1 entirely: the decision carries the learned size and threshold."})
    Picker picker;

    @Option(names = "--threshold", paramLabel = "Z",
            description = "Refined picker only: minimum figure of merit (robust z-score) instead of the learned threshold.")
    Double threshold;

    @Option(names = "--keep-intermediates",
            description = "Also keep pass 1's density, topology and binary images as OUT/work/<mic>_{den,topo,bin}.mrc "
                    + "(about three float32 images of a quarter of the micrograph's area each; stage 6 does not need them).")
    boolean keepIntermediates;

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
        OptionRanges.checkPick(input.mics == null ? null : input.mics.smpd, pick.moldiamMax, pick.micTo, pick.maxFailedFraction);
        if (threshold != null && picker != Picker.REFINED)
            throw new OptionException("--threshold", "needs --picker refined (the segmentation picker has no figure of merit)");
        if (threshold != null && !Double.isFinite(threshold))
            throw new OptionException("--threshold", "must be a finite number, got " + threshold);
        out = OutLocation.checkLocalOut(out, OutLocation.effectiveMaster(spark.master));
        SparkSession session = SparkSessions.create("segdiampick run", spark.master, spark.conf);
        RunOptions o = new RunOptions(input.project, out, pick.micTo, clustering, pick.pcontrast, pick.moldiamMax,
                pick.failFast, pick.maxFailedFraction, decision, keepIntermediates, overwrite, picker, threshold);
        var summary = input.project != null ? SegDiamPickJob.run(session, o)
                : SegDiamPickJob.importAndRun(session, input.mics.mics, input.mics.smpd, o);
        spec.commandLine().getOut().println("box_in_pix " + summary.get("box_in_pix").asInt() + "  mskdiam " + summary.get("mskdiam").asDouble()
                + " Å  particles " + summary.get("micrographs").get("particles").asLong()
                + (summary.has("particle_diameter") ? String.format(java.util.Locale.ROOT, "  particle_diameter %.1f Å",
                summary.get("particle_diameter").asDouble()) : "") + "  -> " + out);
        return ExitCodes.OK;
    }
}
