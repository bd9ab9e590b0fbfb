package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.io.BatchDigest;
import org.segdiampick.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code preprocess}: pass 1 only, SIMPLE's {@code segdiampick_preprocess} (algorithm §3.1). Each micrograph's
 * density, topology and binary images and its diameter file go directly under OUT and are registered in the
 * project ({@code mic_den}, {@code mic_topo}, {@code mic_bin}, {@code mic_diam}), so a later {@code run} imports
 * them instead of picking again. Only files actually written are recorded (decisions B-10). Shares its opening
 * ({@link JobStart}), failure policy and output writing with {@link SegDiamPickJob}, and its campaign safety
 * ({@link JobGuard}): OUT belongs to one batch and one run at a time, storage failures end the run (exit 1) without
 * marking a micrograph, and the same command after an interruption resumes from the checkpoints
 * ({@code preprocess_summary.json} {@code spark.resumed}).
 */
public final class PreprocessJob {
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessJob.class);

    private PreprocessJob() {
    }

    public static ObjectNode run(SparkSession spark, PreprocessOptions given) throws IOException {
        PreprocessOptions o = given.at(JobGuard.out(spark, given));
        return JobGuard.run(spark, o, "segdiampick preprocess " + o.project() + " -> " + o.out(), null,
                (start, owner) -> run(spark, o, start, owner));
    }

    private static ObjectNode run(SparkSession spark, PreprocessOptions o, JobStart start, OutputOwnership owner) throws IOException {
        StageTimer timer = new StageTimer();
        List<MicTask> tasks = start.tasks();
        try {
            owner.claim(BatchDigest.of(o.project(), tasks.stream().map(MicTask::intg).toList()), o.overwrite());
            start.clearSuccess();
        } catch (IOException | FSError e) {
            throw StorageFailure.onDriver(e);
        }
        PickSettings ps = new PickSettings(o.contrast(), o.moldiamMax(), start.layout(), PickSettings.Pass1Writes.PREPROCESS, o.failFast());
        Checkpoints checkpoints = Checkpoints.of(ps);
        List<Pass1Outcome> picked;
        long resumed;
        try (SparkStages.Pass1Table pass1 = SparkStages.pass1(spark, tasks, ps, checkpoints, start.executorConf(), "preprocessed", false)) {
            picked = pass1.driver();
            resumed = pass1.resumed();
        }
        new FailurePolicy(o).afterPick(tasks, picked);
        List<MicResult> results = MicResult.join(tasks, picked, List.of());

        ObjectNode s;
        try {
            removeStale(tasks, picked, start.layout(), checkpoints, start.conf());
            RunOutputs out = new RunOutputs(start.layout(), start.conf());
            out.project(o.project(), ProjectUpdate.afterPreprocess(start.records(), results));
            timer.end("pick");
            s = RunSummary.preprocess(start.smpd(), results, timer.timings(Map.of()));
            // how this run was executed, not its result (as in summary.json): outside what reruns must reproduce
            s.putObject("spark").put("resumed", resumed);
            out.summary(start.layout().resolve("preprocess_summary.json"), s);
            out.success();
        } catch (IOException | FSError e) {
            throw StorageFailure.onDriver(e);
        }
        LOG.info("preprocess done: {} micrographs, {} particles, {} failed", tasks.size(),
                s.get("micrographs").get("particles").asLong(), s.get("micrographs").get("failed").asLong());
        return s;
    }

    /**
     * A micrograph loses the files an earlier preprocess of this batch wrote for it that this run did not write: all
     * of them (and its checkpoint) when it fails now, its diameter file when it now has no particles, its images when
     * none were made; so OUT holds no images or diameters the project does not list. Only files named after this
     * batch's own micrographs go.
     */
    private static void removeStale(List<MicTask> tasks, List<Pass1Outcome> picked, OutputLayout layout, Checkpoints checkpoints,
                                    Configuration conf) throws IOException {
        for (int i = 0; i < picked.size(); i++) {
            Pass1Outcome o = picked.get(i);
            MicTask t = tasks.get(i);
            boolean failed = o.failed();
            if (failed || o.den() == null) Storage.delete(layout.preDen(t.name()), conf);
            if (failed || o.topo() == null) Storage.delete(layout.preTopo(t.name()), conf);
            if (failed || o.bin() == null) Storage.delete(layout.preBin(t.name()), conf);
            if (failed || o.diam() == null) Storage.delete(layout.preDiam(t.name()), conf);
            if (failed) Storage.delete(checkpoints.file(t), conf);
        }
    }
}
