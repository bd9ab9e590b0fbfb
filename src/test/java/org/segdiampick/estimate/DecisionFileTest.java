package org.segdiampick.estimate;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.io.InputFormatException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 12 problem 7: a decision file is checked before it is applied; extra fields are tolerated. */
class DecisionFileTest {
    @TempDir
    Path dir;

    private static final String GOOD = "\"box_in_pix\": 128, \"mskdiam\": 180.5, \"diam_min\": 90.0, \"diam_max\": 150.4";

    private String file(String json) throws Exception {
        Path f = Files.createTempFile(dir, "decision", ".json");
        Files.writeString(f, json);
        return f.toString();
    }

    private Decision read(String json, double smpd) throws Exception {
        return Decision.read(file(json), smpd, new Configuration());
    }

    /** The file's refusal: one line, naming the file and {@code field}. */
    private void refused(String json, String field) throws Exception {
        String f = file(json);
        InputFormatException e = assertThrows(InputFormatException.class, () -> Decision.read(f, 1.5, new Configuration()), json);
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(field), field + " not named: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aGoodDecisionWithExtraFieldsOfALaterPickerIsRead() throws Exception {
        Decision d = read("{" + GOOD + ", \"smpd\": 1.5, \"particle_diameter\": 120.0, \"threshold\": {\"value\": 0.3},"
                + " \"clusters\": [1, 2], \"note\": \"refined\"}", 1.5);
        assertEquals(new Decision(128, 180.5, 90.0, 150.4, 1.5), d);
    }

    @Test
    void issueExamplesAreRefused() throws Exception {
        refused("{\"box_in_pix\": 128, \"mskdiam\": -5, \"diam_min\": 90, \"diam_max\": 150}", "'mskdiam'");
        refused("{\"box_in_pix\": 100000, \"mskdiam\": 180, \"diam_min\": 90, \"diam_max\": 150}", "'box_in_pix' = 100000");
    }

    @Test
    void everyFieldIsChecked() throws Exception {
        refused("{\"box_in_pix\": 101, \"mskdiam\": 0, \"diam_min\": 90, \"diam_max\": 150}", "'box_in_pix' = 101");
        refused("{\"box_in_pix\": 128, \"mskdiam\": 0, \"diam_min\": 90, \"diam_max\": 150}", "'mskdiam' must be positive");
        refused("{\"box_in_pix\": 128, \"mskdiam\": 500, \"diam_min\": 90, \"diam_max\": 150}", "'mskdiam' = 500.0 Å does not fit");
        refused("{\"box_in_pix\": 128, \"mskdiam\": 180, \"diam_min\": 150, \"diam_max\": 90}", "out of order");
        refused("{\"box_in_pix\": 128, \"mskdiam\": 180, \"diam_min\": -1, \"diam_max\": 90}", "'diam_min' must be positive");
        refused("{\"box_in_pix\": 128, \"mskdiam\": 180, \"diam_min\": 0, \"diam_max\": 90}", "'diam_min'");
        refused("{\"box_in_pix\": 128, \"mskdiam\": 180, \"diam_min\": 90}", "'diam_max' is missing");
        refused("{\"box_in_pix\": 128.5, \"mskdiam\": 180, \"diam_min\": 90, \"diam_max\": 150}", "'box_in_pix' must be a whole number");
        refused("{\"box_in_pix\": \"128\", \"mskdiam\": 180, \"diam_min\": 90, \"diam_max\": 150}", "'box_in_pix'");
        refused("{\"box_in_pix\": 128, \"mskdiam\": \"NaN\", \"diam_min\": 90, \"diam_max\": 150}", "'mskdiam' must be a number");
        refused("{\"box_in_pix\": 128, \"mskdiam\": NaN, \"diam_min\": 90, \"diam_max\": 150}", "not valid JSON");
        refused("{\"box_in_pix\": 128, \"mskdiam\": 1e999, \"diam_min\": 90, \"diam_max\": 150}", "'mskdiam' is not finite");
        refused("{" + GOOD + ", \"smpd\": \"1.5\"}", "'smpd' must be a number");
        refused("{" + GOOD + ", \"smpd\": 2.0}", "pixel size 2.0");
        refused("{" + GOOD + ", \"box_in_pix\": 168}", "box_in_pix");
        refused("{" + GOOD + "} {}", "not valid JSON");
        refused("", "expected a JSON object");
        refused("[1, 2]", "expected a JSON object");
    }

    @Test
    void pixelSizeWithinTheOneToleranceIsTheSame() throws Exception {
        assertEquals(1.5, read("{" + GOOD + ", \"smpd\": 1.50001}", 1.5).smpd());
    }

    @Test
    void everyMagicBoxIsAcceptedAndNothingBetweenThem() {
        for (int b : BoxRules.magicBoxes()) assertTrue(Decision.isMagicBox(b), "" + b);
        assertFalse(Decision.isMagicBox(33));
        assertFalse(Decision.isMagicBox(12502), "past the table");
        assertFalse(Decision.isMagicBox(0));
        assertFalse(Decision.isMagicBox(-128));
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThrows(java.io.FileNotFoundException.class,
                () -> Decision.read(dir.resolve("none.json").toString(), 1.5, new Configuration()));
    }
}
