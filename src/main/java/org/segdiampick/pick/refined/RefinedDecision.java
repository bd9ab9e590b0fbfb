package org.segdiampick.pick.refined;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.segdiampick.io.InputFormatException;

import java.io.Serializable;

/**
 * What the refined picker needs from the driver, broadcast next to the policy's {@code Decision}, and saved in
 * {@code summary.json} so a later batch of a campaign can skip pass 1: the learned particle diameter, the
 * diameter the detector looks for, the score threshold, and the box size (raw px, the policy's) that decides
 * which picks are too close to the edge.
 *
 * @param particleDiameter  learned particle diameter, Å ({@code particle_diameter})
 * @param detectionDiameter detector diameter, Å ({@code refined.detection_diameter})
 * @param threshold         minimum figure of merit ({@code refined.threshold})
 * @param boxPx             box size, raw px (the policy's {@code box_in_pix})
 */
public record RefinedDecision(double particleDiameter, double detectionDiameter, double threshold, int boxPx)
        implements Serializable {

    public RefinedDecision {
        if (!(particleDiameter > 0) || !Double.isFinite(particleDiameter))
            throw new IllegalArgumentException("particle diameter must be positive, got " + particleDiameter);
        if (!(detectionDiameter > 0) || !Double.isFinite(detectionDiameter))
            throw new IllegalArgumentException("detection diameter must be positive, got " + detectionDiameter);
        if (!Double.isFinite(threshold)) throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        if (boxPx < 1) throw new IllegalArgumentException("box size must be positive, got " + boxPx);
    }

    /** Driver side: the decision of a batch from its summed evidence, the policy's diam_max and box size. */
    public static RefinedDecision learn(SizeEvidence batch, double diamMax, int boxPx) {
        return learn(batch, ParticleSizeLearner.learn(batch, diamMax), boxPx);
    }

    /** The same, from the size already learned from {@code batch}. */
    public static RefinedDecision learn(SizeEvidence batch, LearnedSize size, int boxPx) {
        double t = ScoreThreshold.of(batch.histogram(size.bestScale()));
        return new RefinedDecision(size.particleDiameter(), size.detectionDiameter(), t, boxPx);
    }

    /** The same decision with the threshold replaced (a user's {@code --threshold}). */
    public RefinedDecision withThreshold(double t) {
        return new RefinedDecision(particleDiameter, detectionDiameter, t, boxPx);
    }

    /** Adds {@code particle_diameter} and a {@code refined} object to {@code root} (a summary or estimate JSON). */
    public void writeTo(ObjectNode root) {
        root.put("particle_diameter", particleDiameter);
        ObjectNode r = root.putObject("refined");
        r.put("detection_diameter", detectionDiameter);
        r.put("threshold", threshold);
    }

    /**
     * Reads the fields {@link #writeTo} wrote, with the box size from {@code box_in_pix}.
     *
     * @throws InputFormatException naming {@code source} when a field is missing (e.g. a decision written by the
     *                              segmentation picker, which has no learned size or threshold)
     */
    public static RefinedDecision fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw new InputFormatException(source, "expected a JSON object");
        JsonNode r = root.get("refined");
        if (!root.has("particle_diameter") || r == null || !r.isObject())
            throw new InputFormatException(source, "no learned particle size in this decision (particle_diameter and "
                    + "refined.* are written by a run with --picker refined): rerun the deciding batch with --picker refined");
        try {
            return new RefinedDecision(number(root, "particle_diameter", source), number(r, "detection_diameter", source),
                    number(r, "threshold", source), (int) number(root, "box_in_pix", source));
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(source, e.getMessage(), e);
        }
    }

    /** {@link #fromJson} on JSON text. */
    public static RefinedDecision parse(String json, String source) {
        try {
            return fromJson(new ObjectMapper().readTree(json), source);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFormatException(source, "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static double number(JsonNode n, String key, String source) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) throw new InputFormatException(source, "missing or non-numeric key '" + key + "'");
        return v.asDouble();
    }
}
