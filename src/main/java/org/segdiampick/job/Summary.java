package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.EstimateReport;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code OUT/summary.json}: the {@code estimate} JSON (or the reused decision) plus micrograph counts, the
 * failures and where the run ran. Everything but {@code spark} and {@code timings} is the same on a rerun.
 */
final class Summary {
    private Summary() {
    }

    static ObjectNode build(EstimateReport report, Decision decision, RunOptions o, ProjectSelection sel,
                            List<Pass1Outcome> p1, List<Pass2Outcome> p2, SparkSession spark, Map<String, Double> seconds) {
        ObjectNode s = report != null ? report.toJson() : SegDiamPickJob.JSON.createObjectNode();
        if (report == null) {
            s.put("box_in_pix", decision.boxInPix());
            s.put("mskdiam", decision.mskdiam());
            s.put("diam_min", decision.diamMin());
            s.put("diam_max", decision.diamMax());
        }
        s.put("decision_source", o.decisionFile() == null ? "estimated" : o.decisionFile());
        s.put("smpd", sel.smpd);
        ObjectNode m = s.putObject("micrographs");
        m.put("selected", sel.tasks.size());
        m.put("picked", count(p1, Pass1Outcome.Status.PICKED));
        m.put("imported", count(p1, Pass1Outcome.Status.IMPORTED));
        m.put("no_particles", count(p1, Pass1Outcome.Status.NO_PARTICLES));
        m.put("carbon", count(p1, Pass1Outcome.Status.CARBON));
        m.put("failed", SegDiamPickJob.failuresJson(sel.tasks, p1, p2).size());
        m.put("with_boxes", p2.stream().filter(x -> x.boxfile() != null).count());
        m.put("particles", p2.stream().mapToLong(Pass2Outcome::nptcls).sum());
        ArrayNode per = s.putArray("per_micrograph");
        int j = 0;
        for (Pass1Outcome x : p1) {
            ObjectNode e = per.addObject();
            e.put("micrograph", sel.tasks.get(SegDiamPickJob.indexOf(sel.tasks, x.index())).intg());
            e.put("name", x.name());
            e.put("status", x.status().name().toLowerCase(java.util.Locale.ROOT));
            e.put("pass1_particles", x.count());
            while (j < p2.size() && p2.get(j).index() < x.index()) j++;
            e.put("nptcls", j < p2.size() && p2.get(j).index() == x.index() ? p2.get(j).nptcls() : 0);
        }
        s.set("failures", SegDiamPickJob.failuresJson(sel.tasks, p1, p2));
        ObjectNode st = s.putObject("settings");
        st.put("pcontrast", o.contrast().label());
        st.put("moldiam_max", o.moldiamMax());
        st.put("clustering", o.clustering().id());
        if (o.micTo() != null) st.put("mic_to", o.micTo());
        else st.putNull("mic_to");
        st.put("max_failed_fraction", o.maxFailedFraction());
        st.put("fail_fast", o.failFast());
        ObjectNode sp = s.putObject("spark");
        sp.put("master", spark.sparkContext().master());
        sp.put("app_id", spark.sparkContext().applicationId());
        TreeSet<String> executors = new TreeSet<>();
        for (Pass1Outcome x : p1) if (x.executorId() != null && x.status() != Pass1Outcome.Status.FAILED) executors.add(x.executorId());
        ArrayNode ex = sp.putArray("executors_used");
        executors.forEach(ex::add);
        sp.put("n_executors", executors.size());
        return s;
    }

    /**
     * Wall-clock seconds per stage and their total; {@code pick_tasks_s} is the sum of the per-micrograph pass-1
     * task times, so {@code pick_tasks_s / pick_s} is how many micrographs were processed at once on average.
     */
    static void putTimings(ObjectNode s, Map<String, Double> seconds, List<Pass1Outcome> p1) {
        ObjectNode t = s.putObject("timings");
        double total = 0;
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            t.put(e.getKey() + "_s", e.getValue());
            total += e.getValue();
        }
        t.put("total_s", Math.round(total * 1000) / 1000.0);
        t.put("pick_tasks_s", p1.stream().mapToLong(Pass1Outcome::millis).sum() / 1000.0);
    }

    static long count(List<Pass1Outcome> p1, Pass1Outcome.Status status) {
        return p1.stream().filter(x -> x.status() == status).count();
    }
}
