package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.Decision;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.Storage;
import org.segdiampick.pick.refined.LearnedSize;
import org.segdiampick.pick.refined.ParticleSizeLearner;
import org.segdiampick.pick.refined.RefinedDecision;
import org.segdiampick.pick.refined.ScoreHistogram;
import org.segdiampick.pick.refined.SizeEvidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * The driver's part of {@code run --picker refined}: the {@link RefinedDecision} (learned from the batch's summed
 * size evidence after stages 2–5, or read from a deciding batch's summary.json in campaign mode, its threshold
 * replaced by {@code --threshold}), and what the summary and the report show of it. Everything here is a few
 * numbers and fixed-size histograms, whatever the batch.
 *
 * @param decision        what stage 6 picks with (broadcast next to the policy's Decision)
 * @param evidence        the batch's summed size evidence; null in campaign mode (no pass 1)
 * @param size            what was learned from it; null in campaign mode
 * @param learnedFrom     {@code "this batch"} or the decision file
 * @param thresholdSource {@code "learned"}, {@code "--threshold"} or {@code "decision"}
 * @param merits          the figures of merit of every pick written, binned (null until stage 6 ran)
 */
public record RefinedRun(RefinedDecision decision, SizeEvidence evidence, LearnedSize size, String learnedFrom,
                         String thresholdSource, ScoreHistogram merits) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** After stages 2–5: learn the size and the threshold from the batch's evidence, bounded by the policy's diam_max. */
    static RefinedRun learn(SizeEvidence batch, Decision d, RunOptions o) {
        RefinedDecision rd;
        LearnedSize size;
        try {
            size = ParticleSizeLearner.learn(batch, d.diamMax());
            rd = RefinedDecision.learn(batch, size, d.boxInPix());
        } catch (IllegalArgumentException e) {
            throw new RunFailedException(RunFailedException.Reason.NOTHING_TO_ESTIMATE,
                    "refined picker: no particles at any size in the batch (" + e.getMessage() + ")", e);
        }
        if (o.threshold() != null) rd = rd.withThreshold(o.threshold());
        return new RefinedRun(rd, batch, size, "this batch", o.threshold() != null ? "--threshold" : "learned", null);
    }

    /**
     * Campaign mode: the learned size and threshold of the deciding batch, from {@code o.decisionFile()} (already
     * checked as a policy decision). A file without them (written by the segmentation picker or an older version)
     * is bad input naming the file (exit 2).
     */
    static RefinedRun reused(RunOptions o, Configuration conf) throws IOException {
        JsonNode root;
        try (InputStream in = Storage.open(o.decisionFile(), conf)) {
            root = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFormatException(o.decisionFile(), "not valid JSON: " + e.getOriginalMessage(), e);
        }
        RefinedDecision rd = RefinedDecision.fromJson(root, o.decisionFile());
        if (o.threshold() != null) rd = rd.withThreshold(o.threshold());
        return new RefinedRun(rd, null, null, o.decisionFile(), o.threshold() != null ? "--threshold" : "decision", null);
    }

    /** The same with stage 6's binned figures of merit. */
    RefinedRun withMerits(ScoreHistogram m) {
        return new RefinedRun(decision, evidence, size, learnedFrom, thresholdSource, m);
    }

    /** The pooled score histogram at the detection diameter that the threshold was fitted to (null in campaign mode). */
    ScoreHistogram candidates() {
        return evidence == null ? null : evidence.histogram(size.bestScale());
    }

    /**
     * {@code particle_diameter} and the {@code refined} block of summary.json: what {@link RefinedDecision#fromJson}
     * reads back in campaign mode, plus the picker, where size and threshold came from and the number of picks
     * scored.
     */
    void writeTo(ObjectNode summary) {
        decision.writeTo(summary);
        ObjectNode r = (ObjectNode) summary.get("refined");
        r.put("picker", Picker.REFINED.id());
        r.put("learned_from", learnedFrom);
        r.put("threshold_source", thresholdSource);
        if (size != null) r.put("capped_by_policy_diam_max", size.cappedByPolicy());
        if (merits != null) r.put("picks", merits.total());
    }
}
