package org.segdiampick.estimate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.image.MagicBoxes;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.PixelSize;
import org.segdiampick.io.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Locale;

/**
 * The outcome of estimation that the re-pick (policy stage 6) and the project need: box size (raw px),
 * mask diameter (Å), and the post-filter diameter bounds (corrected Å, the re-pick gate), with the pixel
 * size they were derived for. Small and serialisable so a batch decision can be broadcast, saved and
 * reused.
 *
 * <p>A decision file (a previous run's {@code summary.json}, or an {@code estimate --json} object) is read
 * here and only here. It is checked as hostile input, since a hand-edited one would otherwise write boxes far
 * outside the micrograph: the box must be a size of the magic-box table (what stage 4 produces), the mask
 * diameter positive and within the box, the bounds positive and ordered, every number finite. Fields this
 * code does not read (statistics, clusters, and those a later picker adds such as {@code particle_diameter} or
 * {@code threshold}) are ignored.
 */
public record Decision(int boxInPix, double mskdiam, double diamMin, double diamMax, double smpd) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Decision {
        if (boxInPix < 1) throw new IllegalArgumentException("box size must be positive, got " + boxInPix);
        if (!(smpd > 0) || !Double.isFinite(smpd)) throw new IllegalArgumentException("pixel size must be positive, got " + smpd);
        if (!(diamMin <= diamMax)) throw new IllegalArgumentException("diameter bounds out of order: " + diamMin + " > " + diamMax);
    }

    /**
     * Reads and checks the decision file at {@code location} (local, hdfs:// or s3a://) for micrographs of pixel
     * size {@code smpd}. A decision is in pixels of its batch: a file that states another pixel size
     * ({@code smpd} not {@link PixelSize#same}) is refused, since reusing it would give wrong boxes.
     */
    public static Decision read(String location, double smpd, Configuration conf) throws IOException {
        try (InputStream in = Storage.open(location, conf)) {
            return read(in, smpd, location);
        }
    }

    /** {@link #fromJson(JsonNode, double, String)} on a stream holding a JSON document. */
    public static Decision read(InputStream in, double smpd, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new InputFormatException(source, "not valid JSON: " + m, e);
        }
        return fromJson(root, smpd, source);
    }

    /**
     * Reads a decision from the top-level keys {@code box_in_pix}, {@code mskdiam}, {@code diam_min},
     * {@code diam_max} (and, when present, {@code smpd}) of an estimate or summary JSON object. The caller
     * supplies the pixel size of the micrographs to re-pick.
     */
    public static Decision fromJson(JsonNode root, double smpd, String source) {
        if (root == null || !root.isObject()) throw new InputFormatException(source, "expected a JSON object");
        if (root.has("smpd")) {
            double made = positive(root, "smpd", source);
            if (!PixelSize.same(made, smpd))
                throw new InputFormatException(source, "decision was made for pixel size " + made
                        + " Å but these micrographs have " + smpd + " Å");
        }
        int box = intKey(root, "box_in_pix", source);
        if (!isMagicBox(box))
            throw new InputFormatException(source, "field 'box_in_pix' = " + box + " is not a box size of the magic-box table ("
                    + MagicBoxes.get(0) + " … " + MagicBoxes.last() + " px)");
        double mskdiam = positive(root, "mskdiam", source);
        if (mskdiam > box * smpd)
            throw new InputFormatException(source, String.format(Locale.ROOT,
                    "field 'mskdiam' = %s Å does not fit in the box of %d px × %s Å/px = %s Å", mskdiam, box, smpd, box * smpd));
        double diamMin = positive(root, "diam_min", source);
        double diamMax = positive(root, "diam_max", source);
        if (diamMin > diamMax)
            throw new InputFormatException(source, "fields 'diam_min' = " + diamMin + " and 'diam_max' = " + diamMax
                    + " are out of order");
        try {
            return new Decision(box, mskdiam, diamMin, diamMax, smpd);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(source, e.getMessage(), e);
        }
    }

    /** True for an entry of the magic-box table (the sizes stage 4 chooses from). */
    static boolean isMagicBox(int box) {
        return box >= 1 && box <= MagicBoxes.last() && MagicBoxes.get(MagicBoxes.firstAtLeast(box)) == box;
    }

    private static double positive(JsonNode root, String key, String source) {
        JsonNode v = root.get(key);
        if (v == null) throw new InputFormatException(source, "field '" + key + "' is missing");
        if (!v.isNumber()) throw new InputFormatException(source, "field '" + key + "' must be a number, not " + v);
        double d = v.asDouble();
        if (!Double.isFinite(d)) throw new InputFormatException(source, "field '" + key + "' is not finite");
        if (!(d > 0)) throw new InputFormatException(source, "field '" + key + "' must be positive, got " + d);
        return d;
    }

    private static int intKey(JsonNode root, String key, String source) {
        JsonNode v = root.get(key);
        if (v == null) throw new InputFormatException(source, "field '" + key + "' is missing");
        if (!v.isIntegralNumber() || !v.canConvertToInt())
            throw new InputFormatException(source, "field '" + key + "' must be a whole number of pixels, not " + v);
        return v.intValue();
    }
}
