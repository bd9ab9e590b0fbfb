package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.SparkSession;
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
 * ({@link JobStart}), failure policy and output writing with {@link SegDiamPickJob}.
 */
public final class PreprocessJob {
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessJob.class);

    private PreprocessJob() {
    }

    public static ObjectNode run(SparkSession spark, PreprocessOptions o) throws IOException {
        StageTimer timer = new StageTimer();
        JobStart start = JobStart.open(spark, o);
        start.clearSuccess();
        PickSettings ps = new PickSettings(o.contrast(), o.moldiamMax(), start.layout(), PickSettings.Pass1Writes.PREPROCESS, o.failFast());
        List<Pass1Outcome> picked;
        try (SparkStages.Pass1Table pass1 = SparkStages.pass1(spark, start.tasks(), ps, start.executorConf(), "preprocessed")) {
            picked = pass1.driver();
        }
        new FailurePolicy(o).afterPick(start.tasks(), picked);
        List<MicResult> results = MicResult.join(start.tasks(), picked, List.of());

        RunOutputs out = new RunOutputs(start.layout(), start.conf());
        out.project(o.project(), ProjectUpdate.afterPreprocess(start.records(), results));
        timer.end("pick");
        ObjectNode s = RunSummary.preprocess(start.smpd(), results, timer.timings(Map.of()));
        out.summary(start.layout().resolve("preprocess_summary.json"), s);
        out.success();
        LOG.info("preprocess done: {} micrographs, {} particles, {} failed", start.tasks().size(),
                s.get("micrographs").get("particles").asLong(), s.get("micrographs").get("failed").asLong());
        return s;
    }
}
