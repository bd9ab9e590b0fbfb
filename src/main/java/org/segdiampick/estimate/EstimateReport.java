package org.segdiampick.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Everything estimation (policy stages 2–5) produced: the {@link Decision}, statistics before and after
 * filtering, the scale used for the mean Z-score, every cluster's verdict, and the corrected diameters
 * before and after filtering (for the report's histograms). Arrays are exposed without copying; callers
 * must not modify them.
 */
public final class EstimateReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Decision decision;
    private final Clustering clustering;
    private final double mad;
    private final DiameterStats statsBefore;
    private final DiameterStats statsAfter;
    private final ClusterFilter.Cluster[] clusters;
    private final double[] correctedDiameters;
    private final double[] acceptedDiameters;

    EstimateReport(Decision decision, Clustering clustering, double mad, DiameterStats statsBefore,
                   DiameterStats statsAfter, ClusterFilter.Cluster[] clusters, double[] correctedDiameters,
                   double[] acceptedDiameters) {
        this.decision = decision;
        this.clustering = clustering;
        this.mad = mad;
        this.statsBefore = statsBefore;
        this.statsAfter = statsAfter;
        this.clusters = clusters;
        this.correctedDiameters = correctedDiameters;
        this.acceptedDiameters = acceptedDiameters;
    }

    public Decision decision() {
        return decision;
    }

    public Clustering clustering() {
        return clustering;
    }

    /** The scale of the mean Z-score actually used (1.4826 × MAD, or the B-7 fallback). */
    public double mad() {
        return mad;
    }

    public DiameterStats statsBefore() {
        return statsBefore;
    }

    public DiameterStats statsAfter() {
        return statsAfter;
    }

    public List<ClusterFilter.Cluster> clusters() {
        return List.of(clusters);
    }

    /** All diameters with the +8 Å erosion correction, input order (Å). */
    public double[] correctedDiameters() {
        return correctedDiameters;
    }

    /** The diameters of the accepted clusters (corrected, Å; accepted clusters in order, input order within). */
    public double[] acceptedDiameters() {
        return acceptedDiameters;
    }

    public int nDiameters() {
        return correctedDiameters.length;
    }

    public int nAccepted() {
        return acceptedDiameters.length;
    }

    /** The JSON object of the {@code estimate} command (keys fixed by the estimation issue). */
    public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("box_in_pix", decision.boxInPix());
        o.put("mskdiam", decision.mskdiam());
        o.put("diam_min", decision.diamMin());
        o.put("diam_max", decision.diamMax());
        o.put("n_diameters", nDiameters());
        o.put("n_accepted", nAccepted());
        o.put("clustering", clustering.id());
        o.put("mad", mad);
        o.set("stats_before", stats(statsBefore));
        o.set("stats_after", stats(statsAfter));
        ArrayNode list = o.putArray("clusters");
        for (ClusterFilter.Cluster c : clusters) {
            ObjectNode n = list.addObject();
            n.put("index", c.index());
            putNumberOrNull(n, "mean", c.mean());
            n.put("pop", c.pop());
            putNumberOrNull(n, "z_mean", c.zMean());
            putNumberOrNull(n, "z_pop", c.zPop());
            n.put("accepted", c.accepted());
        }
        return o;
    }

    /** {@link #toJson()} pretty-printed. */
    public String toJsonString() {
        try {
            return MAPPER.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode stats(DiameterStats s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("avg", s.avg());
        n.put("med", s.med());
        n.put("sdev", s.sdev());
        n.put("min", s.min());
        n.put("max", s.max());
        return n;
    }

    /** JSON has no NaN or ∞: an undefined value (empty cluster, zero scale) is written as null. */
    private static void putNumberOrNull(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.putNull(key);
    }
}
