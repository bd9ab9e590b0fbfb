package org.segdiampick.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.segdiampick.io.InputFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/**
 * The outcome of estimation that the re-pick (policy stage 6) and the project need: box size (raw px),
 * mask diameter (Å), and the post-filter diameter bounds (corrected Å, the re-pick gate), with the pixel
 * size they were derived for. Small and serialisable so a batch decision can be broadcast, saved and
 * reused.
 */
public record Decision(int boxInPix, double mskdiam, double diamMin, double diamMax, double smpd) implements Serializable {

    public Decision {
        if (boxInPix < 1) throw new IllegalArgumentException("box size must be positive, got " + boxInPix);
        if (!(smpd > 0) || !Double.isFinite(smpd)) throw new IllegalArgumentException("pixel size must be positive, got " + smpd);
        if (!(diamMin <= diamMax)) throw new IllegalArgumentException("diameter bounds out of order: " + diamMin + " > " + diamMax);
    }

    /**
     * Reads a decision from the top-level keys {@code box_in_pix}, {@code mskdiam}, {@code diam_min},
     * {@code diam_max} of an estimate or summary JSON object (decision reuse). The pixel size is not in
     * that object; the caller supplies the one of the micrographs to re-pick.
     */
    public static Decision fromJson(JsonNode root, double smpd, String source) {
        if (root == null || !root.isObject()) throw new InputFormatException(source, "expected a JSON object");
        try {
            return new Decision(intKey(root, "box_in_pix", source), number(root, "mskdiam", source),
                number(root, "diam_min", source), number(root, "diam_max", source), smpd);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(source, e.getMessage(), e);
        }
    }

    /** {@link #fromJson(JsonNode, double, String)} on a stream holding a JSON document. */
    public static Decision read(InputStream in, double smpd, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new InputFormatException(source, "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return fromJson(root, smpd, source);
    }

    private static double number(JsonNode root, String key, String source) {
        JsonNode v = root.get(key);
        if (v == null || !v.isNumber()) throw new InputFormatException(source, "missing or non-numeric key '" + key + "'");
        double d = v.asDouble();
        if (!Double.isFinite(d)) throw new InputFormatException(source, "key '" + key + "' is not finite");
        return d;
    }

    private static int intKey(JsonNode root, String key, String source) {
        JsonNode v = root.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InputFormatException(source, "missing or non-integer key '" + key + "'");
        }
        return v.intValue();
    }
}
