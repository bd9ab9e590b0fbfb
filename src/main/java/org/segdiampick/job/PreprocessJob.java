package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code preprocess}: pass 1 only, SIMPLE's {@code segdiampick_preprocess} (algorithm §3.1). Each micrograph's
 * density, topology and binary images and its diameter file go directly under OUT and are registered in the
 * project ({@code mic_den}, {@code mic_topo}, {@code mic_bin}, {@code mic_diam}), so a later {@code run} imports
 * them instead of picking again. Only files actually written are recorded (decisions B-10).
 */
public final class PreprocessJob {
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessJob.class);

    private PreprocessJob() {
    }

    public static ObjectNode run(SparkSession spark, RunOptions o) throws IOException {
        long t = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutputLayout layout = new OutputLayout(o.out());
        List<MicRecord> records = ProjectStore.read(o.project(), conf);
        ProjectSelection sel = ProjectSelection.select(records, o.micTo(), o.project());
        sel.warnings.forEach(w -> LOG.warn(w));
        Storage.delete(layout.success(), conf);
        Broadcast<HadoopConf> bconf = HadoopConf.broadcast(spark);
        PickSettings ps = new PickSettings(o.contrast(), o.moldiamMax(), layout, PickSettings.Pass1Writes.PREPROCESS, o.failFast());
        List<Pass1Outcome> p1 = SparkStages.pass1(spark, sel.tasks, ps, bconf, "preprocessed");
        long failed = p1.stream().filter(Pass1Outcome::failed).count();
        SegDiamPickJob.checkFailures((int) failed, sel.tasks.size(), o.maxFailedFraction());

        List<MicRecord> updated = new ArrayList<>(records.size());
        for (MicRecord r : records) updated.add(r.copy());
        for (Pass1Outcome x : p1) {
            MicRecord r = updated.get(x.index());
            SegDiamPickJob.PRE_PICK_KEYS.forEach(r::remove);
            r.remove("error");
            if (x.failed()) {
                r.set("state", 0);
                r.set("error", x.error());
                continue;
            }
            if (x.bin() != null) {
                r.set("mic_den", x.den());
                r.set("mic_topo", x.topo());
                r.set("mic_bin", x.bin());
            }
            if (x.diam() != null) r.set("mic_diam", x.diam());
        }
        ObjectNode s = SegDiamPickJob.JSON.createObjectNode();
        s.put("command", "preprocess");
        s.put("smpd", sel.smpd);
        ObjectNode m = s.putObject("micrographs");
        m.put("selected", sel.tasks.size());
        m.put("picked", Summary.count(p1, Pass1Outcome.Status.PICKED));
        m.put("no_particles", Summary.count(p1, Pass1Outcome.Status.NO_PARTICLES));
        m.put("carbon", Summary.count(p1, Pass1Outcome.Status.CARBON));
        m.put("failed", failed);
        m.put("particles", p1.stream().mapToLong(Pass1Outcome::count).sum());
        s.set("failures", SegDiamPickJob.failuresJson(sel.tasks, p1, null));
        ProjectStore.write(o.project(), updated, conf);
        s.putObject("timings").put("total_s", SegDiamPickJob.lap(t));
        Storage.writeAtomically(layout.resolve("preprocess_summary.json"), SegDiamPickJob.JSON.writeValueAsBytes(s), conf);
        SegDiamPickJob.writeSuccess(layout, conf);
        LOG.info("preprocess done: {} micrographs, {} particles, {} failed", sel.tasks.size(), m.get("particles").asLong(), failed);
        return s;
    }
}
