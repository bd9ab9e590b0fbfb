package org.segdiampick.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.estimate.EstimateReport;
import org.segdiampick.estimate.EstimationException;
import org.segdiampick.io.CoordinateStar;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code run}: the policy's six stages over a project, distributed with Spark.
 *
 * <ol>
 *   <li>Stage 1 on executors: pick every selected micrograph (or import a pre-picked one) → diameters.</li>
 *   <li>Stages 2–5 on the driver: statistics, clustering, Z-score filtering, box size and mask diameter
 *       ({@link Estimate}), or a previous batch's {@link Decision}.</li>
 *   <li>Stage 6 on executors: re-pick with the accepted bounds, write boxes, coordinates and thumbnails.</li>
 *   <li>The driver writes coords.star, the project (atomically, previous version kept), summary.json,
 *       report.html and finally {@code _SUCCESS}. Until then the project is untouched, so a failed run leaves
 *       it as it was and a rerun starts from the same state.</li>
 * </ol>
 */
public final class SegDiamPickJob {
    private static final Logger LOG = LoggerFactory.getLogger(SegDiamPickJob.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The project fields of a pre-picked micrograph, deleted after import (policy invariant). */
    static final List<String> PRE_PICK_KEYS = List.of("mic_den", "mic_topo", "mic_bin", "mic_diam");

    /**
     * Test-only seam, null in production: called on the driver with the name of each stage as it ends
     * ({@code "pick"}, {@code "estimate"}, {@code "repick"}, {@code "outputs"} = everything but the project and
     * {@code _SUCCESS} written). A test throws from it to interrupt a run at that point (InterruptedRunTest).
     */
    static volatile java.util.function.Consumer<String> afterStage;

    private SegDiamPickJob() {
    }

    private static void stageDone(String stage) {
        java.util.function.Consumer<String> hook = afterStage;
        if (hook != null) hook.accept(stage);
    }

    /** Runs the whole job; returns the summary written to OUT/summary.json. */
    public static ObjectNode run(SparkSession spark, RunOptions o) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutputLayout layout = new OutputLayout(o.out());
        List<MicRecord> records = ProjectStore.read(o.project(), conf);
        ProjectSelection sel = ProjectSelection.select(records, o.micTo(), o.project());
        sel.warnings.forEach(w -> LOG.warn(w));
        if (sel.tasks.isEmpty())
            throw new RunFailedException(ExitCodes.NOTHING_TO_ESTIMATE, o.project() + ": no micrograph to process (none with intg and state >= 1)");
        // A bad --decision file is bad input: say so before hours of picking, not after.
        Decision reused = o.decisionFile() == null ? null : readDecision(o.decisionFile(), sel.smpd, conf);
        Storage.delete(layout.success(), conf);
        Broadcast<HadoopConf> bconf = HadoopConf.broadcast(spark);
        LOG.info("segdiampick run: {} micrographs, smpd {} Å, clustering {}", sel.tasks.size(), sel.smpd, o.clustering().id());

        // Stage 1
        PickSettings ps = new PickSettings(o.contrast(), o.moldiamMax(), layout, o.keepIntermediates()
                ? PickSettings.Pass1Writes.THUMBNAIL_AND_INTERMEDIATES : PickSettings.Pass1Writes.THUMBNAIL, o.failFast());
        List<Pass1Outcome> p1 = SparkStages.pass1(spark, sel.tasks, ps, bconf, "picked");
        seconds.put("pick", lap(t));
        stageDone("pick");
        t = System.nanoTime();
        List<Pass1Outcome> failures = p1.stream().filter(Pass1Outcome::failed).toList();
        failures.forEach(f -> LOG.warn("failed: {}: {}", sel.tasks.get(indexOf(sel.tasks, f.index())).intg(), f.error()));
        checkFailures(failures.size(), sel.tasks.size(), o.maxFailedFraction());

        // Stages 2–5
        int n = 0;
        for (Pass1Outcome x : p1) n += x.count();
        double[] diams = new double[n];
        int k = 0;
        for (Pass1Outcome x : p1) for (double d : x.diameters()) diams[k++] = d;
        EstimateReport report = null;
        Decision decision;
        if (reused != null) {
            decision = reused;
            LOG.info("decision reused from {}: box {} px, mask {} Å, bounds [{}, {}] Å", o.decisionFile(),
                    decision.boxInPix(), decision.mskdiam(), decision.diamMin(), decision.diamMax());
        } else {
            try {
                report = Estimate.run(diams, sel.smpd, o.clustering());
            } catch (EstimationException e) {
                throw new RunFailedException(ExitCodes.NOTHING_TO_ESTIMATE, e.getMessage(), e);
            }
            decision = report.decision();
            LOG.info("estimated from {} diameters: box {} px, mask {} Å, bounds [{}, {}] Å", n,
                    decision.boxInPix(), decision.mskdiam(), decision.diamMin(), decision.diamMax());
        }
        seconds.put("estimate", lap(t));
        stageDone("estimate");
        t = System.nanoTime();

        // Stage 6
        List<Tuple2<MicTask, Pass1Outcome>> work = new ArrayList<>();
        for (Pass1Outcome x : p1) if (!x.failed()) work.add(new Tuple2<>(sel.tasks.get(indexOf(sel.tasks, x.index())), x));
        List<Pass2Outcome> p2 = SparkStages.pass2(spark, work, new RepickStage(decision, layout), bconf);
        seconds.put("repick", lap(t));
        stageDone("repick");
        t = System.nanoTime();
        checkRepickFailures(sel.tasks, p1, p2, o);

        // Outputs, then the project, then _SUCCESS: a run that dies before the end leaves the project as it was.
        writeCoordsIndex(layout, sel.tasks, p2, conf);
        List<MicRecord> updated = updateProject(records, p1, p2);
        ObjectNode summary = Summary.build(report, decision, o, sel, p1, p2, spark, seconds);
        ReportPage.write(layout, summary, report, decision, sel, p1, p2, conf);
        seconds.put("write", lap(t));
        Summary.putTimings(summary, seconds, p1);
        Storage.writeAtomically(layout.summary(), JSON.writeValueAsBytes(summary), conf);
        stageDone("outputs");
        ProjectStore.write(o.project(), updated, conf);
        writeSuccess(layout, conf);
        LOG.info("done: box_in_pix {} mskdiam {} Å; outputs in {}", decision.boxInPix(), decision.mskdiam(), o.out());
        return summary;
    }

    /** A decision is in pixels of its batch: reusing it on another pixel size would give wrong boxes. */
    static Decision readDecision(String file, double smpd, Configuration conf) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root;
        try (var in = Storage.open(file, conf)) {
            root = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFormatException(file, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.has("smpd") && Math.abs(root.get("smpd").asDouble() - smpd) > 1e-6 * smpd)
            throw new InputFormatException(file, "decision was made for pixel size " + root.get("smpd").asDouble()
                    + " Å but these micrographs have " + smpd + " Å");
        return Decision.fromJson(root, smpd, file);
    }

    /** The empty {@code _SUCCESS} marker, written last, after the project (deleted first at the start of a run). */
    static void writeSuccess(OutputLayout layout, Configuration conf) throws IOException {
        try (OutputStream os = Storage.create(layout.success(), conf)) {
            os.write(new byte[0]);
        }
    }

    static void checkFailures(int failed, int total, double maxFailedFraction) {
        if (failed > 0 && failed > maxFailedFraction * total)
            throw new RunFailedException(ExitCodes.TOO_MANY_FAILED, failed + " of " + total
                    + " micrographs failed, more than --max-failed-fraction " + maxFailedFraction + " allows; the project is unchanged");
    }

    /** Stage 6 can fail too (unreadable binary image, write error): same rules as stage 1, before the project is touched. */
    static void checkRepickFailures(List<MicTask> tasks, List<Pass1Outcome> p1, List<Pass2Outcome> p2, RunOptions o) {
        List<Pass2Outcome> failed = p2.stream().filter(Pass2Outcome::failed).toList();
        if (failed.isEmpty()) return;
        failed.forEach(f -> LOG.warn("re-pick failed: {}: {}", tasks.get(indexOf(tasks, f.index())).intg(), f.error()));
        if (o.failFast()) {
            Pass2Outcome f = failed.get(0);
            throw new RunFailedException(ExitCodes.TOO_MANY_FAILED, tasks.get(indexOf(tasks, f.index())).intg()
                    + ": re-pick failed (--fail-fast): " + f.error());
        }
        checkFailures(failuresJson(tasks, p1, p2).size(), tasks.size(), o.maxFailedFraction());
    }

    static int indexOf(List<MicTask> tasks, int projectIndex) {
        // tasks are in project order: binary search on the record index
        int lo = 0, hi = tasks.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = tasks.get(mid).index();
            if (v < projectIndex) lo = mid + 1;
            else if (v > projectIndex) hi = mid - 1;
            else return mid;
        }
        throw new IllegalStateException("no task for project record " + projectIndex);
    }

    private static void writeCoordsIndex(OutputLayout layout, List<MicTask> tasks, List<Pass2Outcome> p2,
                                         Configuration conf) throws IOException {
        List<CoordinateStar.IndexEntry> rows = new ArrayList<>();
        for (Pass2Outcome x : p2)
            if (x.coordFile() != null) rows.add(new CoordinateStar.IndexEntry(tasks.get(indexOf(tasks, x.index())).intg(), x.coordFile()));
        try (OutputStream os = Storage.create(layout.coordsIndex(), conf)) {
            CoordinateStar.writeIndex(rows, os);
        }
    }

    /**
     * Policy stage 6 / §9.4: {@code boxfile}, {@code nptcls}, {@code thumb_den} describe this run (B-27),
     * pre-pick entries are gone, failed micrographs get {@code state = 0} and an {@code error}.
     */
    static List<MicRecord> updateProject(List<MicRecord> records, List<Pass1Outcome> p1, List<Pass2Outcome> p2) {
        List<MicRecord> out = new ArrayList<>(records.size());
        for (MicRecord r : records) out.add(r.copy());
        for (Pass1Outcome x : p1) {
            MicRecord r = out.get(x.index());
            // Imported entries must not be reused (policy invariant); entries of any other processed record are stale.
            PRE_PICK_KEYS.forEach(r::remove);
            r.remove("boxfile");
            r.remove("thumb_den");
            r.remove("error");
            r.set("nptcls", 0);
            if (x.failed()) {
                r.set("state", 0);
                r.set("error", x.error());
            }
        }
        for (Pass2Outcome x : p2) {
            MicRecord r = out.get(x.index());
            if (x.failed()) {
                r.set("state", 0);
                r.set("error", x.error());
                continue;
            }
            r.set("nptcls", x.nptcls());
            if (x.boxfile() != null) r.set("boxfile", x.boxfile());
            if (x.thumb() != null) r.set("thumb_den", x.thumb());
        }
        return out;
    }

    static double lap(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
    }

    static ArrayNode failuresJson(List<MicTask> tasks, List<Pass1Outcome> p1, List<Pass2Outcome> p2) {
        ArrayNode a = JSON.createArrayNode();
        TreeSet<Integer> seen = new TreeSet<>();
        for (Pass1Outcome x : p1)
            if (x.failed() && seen.add(x.index()))
                a.addObject().put("micrograph", tasks.get(indexOf(tasks, x.index())).intg()).put("stage", "pick").put("error", x.error());
        if (p2 != null) for (Pass2Outcome x : p2)
            if (x.failed() && seen.add(x.index()))
                a.addObject().put("micrograph", tasks.get(indexOf(tasks, x.index())).intg()).put("stage", "repick").put("error", x.error());
        return a;
    }
}
