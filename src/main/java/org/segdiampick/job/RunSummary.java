package org.segdiampick.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.EstimateReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code OUT/summary.json} (and {@code preprocess_summary.json}) as records serialised by Jackson (component names
 * in snake case): the {@code estimate} JSON (or the reused decision) plus counts, the first failures, the
 * settings and where the run ran. Small whatever the batch (an Airflow XCom carries it): no per-micrograph list —
 * that is {@code micrographs.tsv} — and at most {@link #MAX_FAILURES_LISTED} failures. Everything but
 * {@code spark} and {@code timings} is the same on a rerun.
 */
public final class RunSummary {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    /** Failures listed by name in the summary and the report; the rest are counted (all are in micrographs.tsv). */
    public static final int MAX_FAILURES_LISTED = 100;
    /** Longest error text kept in the summary, characters. */
    static final int MAX_ERROR_CHARS = 300;
    static final int MAX_EXECUTORS_LISTED = 100;

    private RunSummary() {
    }

    /** Micrograph counts by outcome. */
    public record Counts(int selected, long picked, long imported, long noParticles, long carbon, long failed,
                         long withBoxes, long particles) {
        /** {@code particles}: kept by stage 6 ({@code run}), or found by pass 1 ({@code preprocess}, {@code pass1 = true}). */
        static Counts of(List<MicResult> results, boolean pass1) {
            long picked = 0, imported = 0, none = 0, carbon = 0, failed = 0, withBoxes = 0, particles = 0;
            for (MicResult r : results) {
                switch (r.status()) {
                    case "picked" -> picked++;
                    case "imported" -> imported++;
                    case "no_particles" -> none++;
                    case "carbon" -> carbon++;
                    default -> failed++;
                }
                if (r.boxfile() != null) withBoxes++;
                particles += pass1 ? r.pick().count() : r.nptcls();
            }
            return new Counts(results.size(), picked, imported, none, carbon, failed, withBoxes, particles);
        }
    }

    /** One failed micrograph. */
    public record Failure(String micrograph, String stage, String error) {
    }

    /** Options the outputs depend on. */
    public record Settings(String pcontrast, double moldiamMax, String clustering, Integer micTo,
                           double maxFailedFraction, boolean failFast, boolean keepIntermediates) {
        static Settings of(RunOptions o) {
            return new Settings(o.contrast().label(), o.moldiamMax(), o.clustering().id(), o.micTo(),
                    o.maxFailedFraction(), o.failFast(), o.keepIntermediates());
        }
    }

    /** Where the run ran. */
    public record SparkInfo(String master, String appId, List<String> executorsUsed, int nExecutors) {
        static SparkInfo of(SparkSession spark, List<MicResult> results) {
            TreeSet<String> ex = new TreeSet<>();
            for (MicResult r : results) if (!r.pick().failed() && r.pick().executorId() != null) ex.add(r.pick().executorId());
            List<String> listed = new ArrayList<>(ex).subList(0, Math.min(ex.size(), MAX_EXECUTORS_LISTED));
            return new SparkInfo(spark.sparkContext().master(), spark.sparkContext().applicationId(), List.copyOf(listed), ex.size());
        }
    }

    /** What {@code run} adds to the estimate's keys. */
    public record Run(String decisionSource, double smpd, Counts micrographs, List<Failure> failures,
                      long failuresNotListed, String details, Settings settings, SparkInfo spark, Map<String, Double> timings) {
    }

    /** {@code preprocess_summary.json}. */
    public record Preprocess(String command, double smpd, Counts micrographs, List<Failure> failures,
                             long failuresNotListed, Map<String, Double> timings) {
    }

    /** The first {@link #MAX_FAILURES_LISTED} failures in project order, messages cut to {@link #MAX_ERROR_CHARS}. */
    static List<Failure> failures(List<MicResult> results) {
        List<Failure> out = new ArrayList<>();
        for (MicResult r : results) {
            if (!r.failed()) continue;
            if (out.size() == MAX_FAILURES_LISTED) break;
            String e = r.error();
            if (e.length() > MAX_ERROR_CHARS) e = e.substring(0, MAX_ERROR_CHARS - 1) + "\u2026";
            out.add(new Failure(r.micrograph(), r.failedStage() == MicResult.Stage.PICK ? "pick" : "repick", e));
        }
        return out;
    }

    static ObjectNode run(EstimateReport report, Decision decision, RunOptions o, double smpd, List<MicResult> results,
                          SparkInfo spark, Map<String, Double> timings, String details) {
        ObjectNode s = report != null ? report.toJson() : JSON.createObjectNode();
        if (report == null) {
            s.put("box_in_pix", decision.boxInPix());
            s.put("mskdiam", decision.mskdiam());
            s.put("diam_min", decision.diamMin());
            s.put("diam_max", decision.diamMax());
        }
        Counts counts = Counts.of(results, false);
        List<Failure> failures = failures(results);
        Run run = new Run(o.decisionFile() == null ? "estimated" : o.decisionFile(), smpd, counts, failures,
                counts.failed() - failures.size(), details, Settings.of(o), spark, timings);
        s.setAll((ObjectNode) JSON.valueToTree(run));
        return s;
    }

    static ObjectNode preprocess(double smpd, List<MicResult> results, Map<String, Double> timings) {
        Counts counts = Counts.of(results, true);
        List<Failure> failures = failures(results);
        return JSON.valueToTree(new Preprocess("preprocess", smpd, counts, failures, counts.failed() - failures.size(), timings));
    }
}
