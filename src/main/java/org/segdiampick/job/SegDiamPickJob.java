package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.estimate.EstimateReport;
import org.segdiampick.estimate.EstimationException;
import org.segdiampick.io.BatchDigest;
import org.segdiampick.io.Importer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * {@code run}: the policy's six stages over a project, distributed with Spark.
 *
 * <ol>
 *   <li>Stage 1 on executors: pick every selected micrograph (or import a pre-picked one) → its particles.</li>
 *   <li>Stages 2–5 on the driver: statistics, clustering, Z-score filtering, box size and mask diameter
 *       ({@link Estimate}), or a previous batch's {@link Decision}.</li>
 *   <li>Stage 6 on executors: keep the particles inside the accepted bounds, write boxes and coordinates; or, with
 *       {@code --picker refined}, pick every micrograph again at the learned particle size ({@link RefinedRun},
 *       {@link RefinedStage}). With {@code --picker refined --decision} stages 1–5 are skipped entirely.</li>
 *   <li>The driver joins the outcomes once ({@link MicResult}) and writes ({@link RunOutputs}) coords.star,
 *       micrographs.tsv, report.html, summary.json, the project and finally {@code _SUCCESS}.</li>
 * </ol>
 * Around them, for campaigns: {@link OutputOwnership} (the run holds the locks of OUT and the project, OUT
 * belongs to one batch, stale files of earlier runs go), {@link Checkpoints} (stage 1, or campaign mode's refined
 * stage 6, resumes an interrupted run) and {@link Interruption} (SIGTERM/SIGINT end the run with one line).
 */
public final class SegDiamPickJob {
    private static final Logger LOG = LoggerFactory.getLogger(SegDiamPickJob.class);

    private SegDiamPickJob() {
    }

    /** Runs the whole job; returns the summary written to OUT/summary.json. */
    public static ObjectNode run(SparkSession spark, RunOptions o) throws IOException {
        return run(spark, o, null);
    }

    /**
     * The {@code --mics} shortcut: import the micrographs, then run on them as the project {@code OUT/project.jsonl}
     * ({@code o.project()} is ignored). The import is held in memory and written only by a run that succeeds, so a
     * failing run leaves an earlier run's {@code project.jsonl} in OUT as it was.
     */
    public static ObjectNode importAndRun(SparkSession spark, String mics, Double smpd, RunOptions o) throws IOException {
        String out = JobGuard.out(spark, o);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        return run(spark, o.at(new OutputLayout(out).project(), out), () -> Importer.importMics(mics, smpd, conf));
    }

    private static ObjectNode run(SparkSession spark, RunOptions given, JobGuard.Records imported) throws IOException {
        // --out is checked here too, not only by the command line: nothing is written into "" or a root folder
        RunOptions o = given.at(given.project(), JobGuard.out(spark, given));
        return JobGuard.run(spark, o, "segdiampick run " + o.project() + " -> " + o.out(), imported,
                (start, owner) -> run(spark, o, start, owner));
    }

    private static ObjectNode run(SparkSession spark, RunOptions o, JobStart start, OutputOwnership owner) throws IOException {
        StageTimer timer = new StageTimer();
        List<MicTask> tasks = start.tasks();
        if (tasks.isEmpty())
            throw new RunFailedException(RunFailedException.Reason.NOTHING_TO_ESTIMATE,
                    o.project() + ": no micrograph to process (none with intg and state >= 1)");
        // A bad --decision file is bad input: say so before hours of picking, not after.
        Decision reused = o.decisionFile() == null ? null : Decision.read(o.decisionFile(), start.smpd(), start.conf());
        // campaign mode: the same file must also carry the learned size and threshold
        RefinedRun campaign = o.refined() && reused != null ? RefinedRun.reused(o, start.conf()) : null;
        try {
            owner.claim(BatchDigest.of(o.project(), tasks.stream().map(MicTask::intg).toList()), o.overwrite());
            start.clearSuccess();
        } catch (IOException | FSError e) {
            throw StorageFailure.onDriver(e);
        }
        FailurePolicy failures = new FailurePolicy(o);
        LOG.info("segdiampick run: {} micrographs, smpd {} Å, clustering {}", tasks.size(), start.smpd(), o.clustering().id());

        List<Pass1Outcome> picked;
        List<Pass2Outcome> repicked;
        EstimateReport report;
        Decision decision;
        PickSettings ps = pickSettings(start, o);
        // with the refined picker a checkpoint also holds the micrograph's size evidence
        Checkpoints checkpoints = Checkpoints.of(ps, o.refined());
        long resumed = 0;
        RefinedRun refined = null;
        if (campaign != null) {
            // the decision carries the learned size and threshold, so there is no pass 1 at all: each micrograph's
            // refined result is its checkpoint (same place, a key of its own)
            checkpoints = Checkpoints.ofCampaign(start.layout(), o.contrast(), reused, campaign.decision());
            Checkpoints resumable = checkpoints;
            Interruption.counting(() -> resumable.count(tasks, start.conf()));
            SparkStages.RefinedPass pass = SparkStages.refinedCampaign(spark, tasks,
                    refinedStage(reused, campaign.decision(), start, o).resumingFrom(checkpoints), start.executorConf(), start.layout().picksTable());
            timer.end("refined_pick");
            resumed = pass.resumed();
            picked = pass.picked();
            failures.afterPick(tasks, picked);
            repicked = pass.repicked();
            report = null;
            decision = reused;
            refined = campaign.withMerits(pass.merits());
        } else try (SparkStages.Pass1Table pass1 = stage1Pick(spark, start, ps, checkpoints, o.refined())) {
            resumed = pass1.resumed();
            picked = pass1.driver();
            timer.end("pick");
            failures.afterPick(tasks, picked);

            report = reused == null ? stages2to5Estimate(picked, start.smpd(), o) : null;
            decision = reused != null ? reused : report.decision();
            if (o.refined()) refined = RefinedRun.learn(SparkStages.batchEvidence(pass1), decision, o);
            timer.end("estimate");

            if (refined == null) repicked = stage6Repick(spark, start, pass1, decision);
            else {
                long ok = picked.stream().filter(x -> !x.failed()).count();
                SparkStages.RefinedPass pass = SparkStages.refinedAfterPass1(spark, pass1, ok,
                        refinedStage(decision, refined.decision(), start, o), start.executorConf(), start.layout().picksTable());
                repicked = pass.repicked();
                refined = refined.withMerits(pass.merits());
            }
            timer.end("repick");
        }
        List<MicResult> results = MicResult.join(tasks, picked, repicked);
        failures.afterRepick(results);
        // the driver's writes (RunOutputs): a storage failure is one line naming the path, exit 1
        ObjectNode summary;
        try {
            Set<String> ours = filesOf(results);
            for (int i = 0; i < results.size(); i++) if (!results.get(i).pick().failed()) ours.add(checkpoints.file(tasks.get(i)));
            owner.sweepStale(ours);

            RunOutputs out = new RunOutputs(start.layout(), start.conf());
            out.coordsIndex(results);
            out.relionMicrographs(results, start.smpd());
            out.micrographTable(results);
            ReportPage.write(start.layout(), report, decision, o.decisionFile(), start.smpd(), results, refined, start.conf());
            timer.end("write");
            summary = RunSummary.run(report, decision, o, start.smpd(), results, RunSummary.SparkInfo.of(spark, results),
                    timer.timings(Map.of("pick_tasks_s", taskSeconds(picked))), "micrographs.tsv");
            // how this run was executed, not its result: beside the Spark facts, outside what reruns must reproduce
            ((ObjectNode) summary.get("spark")).put("resumed", resumed);
            if (refined != null) refined.writeTo(summary);
            out.summary(start.layout().summary(), summary);
            out.project(o.project(), ProjectUpdate.afterRun(start.records(), results));
            out.success();
        } catch (IOException | FSError e) {
            throw StorageFailure.onDriver(e);
        }
        LOG.info("done: box_in_pix {} mskdiam {} Å{}; outputs in {}", decision.boxInPix(), decision.mskdiam(), refined == null ? ""
                : String.format(java.util.Locale.ROOT, "; refined: particle_diameter %.1f Å, detection %.1f Å, threshold %.3f",
                refined.decision().particleDiameter(), refined.decision().detectionDiameter(), refined.decision().threshold()), o.out());
        return summary;
    }

    /** The per-micrograph files this run stands for (everything else in those folders is an earlier run's). */
    private static Set<String> filesOf(List<MicResult> results) {
        Set<String> keep = new HashSet<>();
        for (MicResult r : results) {
            keep.add(r.boxfile());
            keep.add(r.coordFile());
            keep.add(r.thumb());
            Pass1Outcome p = r.pick();
            keep.add(p.den());
            keep.add(p.topo());
            keep.add(p.bin());
        }
        keep.remove(null);
        return keep;
    }

    private static PickSettings pickSettings(JobStart start, RunOptions o) {
        return new PickSettings(o.contrast(), o.moldiamMax(), start.layout(), o.keepIntermediates()
                ? PickSettings.Pass1Writes.THUMBNAIL_AND_INTERMEDIATES : PickSettings.Pass1Writes.THUMBNAIL, o.failFast());
    }

    /** Policy stage 1, resuming from the checkpoints of an interrupted run of the same command. */
    private static SparkStages.Pass1Table stage1Pick(SparkSession spark, JobStart start, PickSettings ps, Checkpoints checkpoints,
                                                     boolean evidence) {
        return SparkStages.pass1(spark, start.tasks(), ps, checkpoints, start.executorConf(), "picked", evidence);
    }

    /** Refined stage 6 for every executor: the two decisions (a few numbers), nothing else from the driver. */
    private static RefinedStage refinedStage(Decision d, org.segdiampick.pick.refined.RefinedDecision rd, JobStart start, RunOptions o) {
        return new RefinedStage(d, rd, start.layout(), o.contrast(), o.failFast());
    }

    /** Policy stages 2–5 on every collected diameter. */
    private static EstimateReport stages2to5Estimate(List<Pass1Outcome> picked, double smpd, RunOptions o) {
        int n = 0;
        for (Pass1Outcome x : picked) n += x.count();
        double[] diams = new double[n];
        int k = 0;
        for (Pass1Outcome x : picked) for (double d : x.diameters()) diams[k++] = d;
        EstimateReport report;
        try {
            report = Estimate.run(diams, smpd, o.clustering());
        } catch (EstimationException e) {
            throw new RunFailedException(RunFailedException.Reason.NOTHING_TO_ESTIMATE, e.getMessage(), e);
        }
        Decision d = report.decision();
        LOG.info("estimated from {} diameters: box {} px, mask {} Å, bounds [{}, {}] Å", n, d.boxInPix(), d.mskdiam(),
                d.diamMin(), d.diamMax());
        return report;
    }

    /** Policy stage 6, for every micrograph that stage 1 did not fail; every kept particle also into picks.parquet. */
    private static List<Pass2Outcome> stage6Repick(SparkSession spark, JobStart start, SparkStages.Pass1Table pass1,
                                                   Decision decision) {
        long ok = pass1.driver().stream().filter(x -> !x.failed()).count();
        return SparkStages.pass2(spark, pass1, ok, new RepickStage(decision, start.layout()), start.executorConf(),
                start.layout().picksTable());
    }

    private static double taskSeconds(List<Pass1Outcome> picked) {
        long ms = 0;
        for (Pass1Outcome x : picked) ms += x.millis();
        return ms / 1000.0;
    }

}
