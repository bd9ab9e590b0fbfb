package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.io.BoxFile;
import org.segdiampick.io.Importer;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.io.StarFile;
import org.segdiampick.pick.GroundTruth;
import org.segdiampick.pick.Pick;
import org.segdiampick.testing.PicksTable;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --picker refined} end to end on the 3 real apoferritin micrographs (1240 × 1200, 1.5 Å, particles
 * 125 Å; two of them labelled): the learned diameter, picks on the particles, the figure of merit in the STAR
 * files and picks.parquet; then campaign mode with that run's summary.json (no pass 1), and the errors of a
 * decision without the refined fields and of {@code --threshold} without the refined picker.
 */
class RefinedRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    private Path project(String name) throws IOException {
        Path p = tmp.resolve(name + ".jsonl");
        ProjectStore.write(p.toString(), Importer.importMics(JobFixtures.APOFERRITIN.toString(), null, CONF), CONF);
        return p;
    }

    @Test
    void refinedRunLearnsTheSizePicksTheParticlesAndACampaignReusesItWithoutPass1() throws IOException {
        Path out = tmp.resolve("refined");
        JobFixtures.Cli cli = JobFixtures.cli("run", "--project", project("p1").toString(), "--out", out.toString(),
                "--picker", "refined");
        assertEquals(0, cli.code(), cli.toString());
        Map<String, byte[]> snap = JobFixtures.snapshot(out.toString(), CONF);
        JsonNode summary = JSON.readTree(snap.get("summary.json"));
        JsonNode reference = JSON.readTree(ReferenceRun.get().snapshot.get("summary.json"));
        // box and mask stay the policy's; the learned diameter is within ±15 % of the true 125 Å
        assertEquals(reference.get("box_in_pix").asInt(), summary.get("box_in_pix").asInt());
        assertEquals(reference.get("mskdiam").asDouble(), summary.get("mskdiam").asDouble());
        double diameter = summary.get("particle_diameter").asDouble();
        assertTrue(Math.abs(diameter / 125 - 1) <= 0.15, "learned diameter " + diameter);
        assertTrue(cli.out().contains("particle_diameter"), cli.out());
        JsonNode refined = summary.get("refined");
        assertEquals("refined", refined.get("picker").asText());
        assertEquals("learned", refined.get("threshold_source").asText());
        double threshold = refined.get("threshold").asDouble();
        assertTrue(refined.get("detection_diameter").asDouble() < diameter);
        assertTrue(summary.get("timings").has("pick_s"), "pass 1 ran: " + summary.get("timings"));
        String report = new String(snap.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(report.contains("class=\"score-histogram\"") && report.contains("class=\"scale-particle\"")
                && report.contains("class=\"threshold\""), "report shows the scores, threshold and learned diameter");
        assertTrue(snap.get("report.html").length < 1_100_000, "report bounded");

        int box = summary.get("box_in_pix").asInt();
        long boxLines = 0;
        GroundTruth.Score score = new GroundTruth.Score(0, 0, 0);
        for (MicRecord r : ProjectStore.read(tmp.resolve("p1.jsonl").toString(), CONF)) {
            String name = OutputLayout.baseName(r.intg());
            List<BoxFile.BoxLine> lines = BoxFile.read(new StringReader(text(snap, "boxes/" + name + ".box")), name);
            assertEquals(r.getInt("nptcls"), lines.size());
            boxLines += lines.size();
            String coordRel = new OutputLayout(out.toString()).coords(r.intg()).substring(out.toString().length() + 1);
            StarFile.Loop loop = StarFile.parse(new StringReader(text(snap, coordRel)), name).blocks().get(0)
                    .loopWith("_rlnAutopickFigureOfMerit");
            assertEquals(lines.size(), loop.size());
            List<Pick> picks = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                BoxFile.BoxLine b = lines.get(i);
                assertEquals(box, b.width());
                assertEquals(diameter, b.diameter(), 0.06, "box files carry the learned diameter");
                assertEquals(b.centreX(), Double.parseDouble(loop.value(i, "_rlnCoordinateX")), 0.5 + 1e-9);
                assertEquals(b.centreY(), Double.parseDouble(loop.value(i, "_rlnCoordinateY")), 0.5 + 1e-9);
                assertTrue(Double.parseDouble(loop.value(i, "_rlnAutopickFigureOfMerit")) >= threshold - 1e-6);
                picks.add(new Pick(b.diameter(), (int) Math.round(b.centreX()), (int) Math.round(b.centreY())));
            }
            Path truth = JobFixtures.APOFERRITIN.resolve(name.replace("_avg", "") + "_GT_centroids.csv");
            if (Files.exists(truth))
                score = score.plus(GroundTruth.score(GroundTruth.read(truth.toString(),
                        r.intg(), null), picks, 0.35 * 125 / 1.5));
        }
        // docs/picking.md: recall 0.66, precision 0.87 on these two labelled micrographs
        assertTrue(score.truth() > 100, "labelled micrographs found: " + score);
        assertTrue(score.recall() >= 0.5 && score.precision() >= 0.75, "picks near the particles: " + score);
        List<String> rows = PicksTable.rows(out.resolve("picks.parquet").toString());
        assertEquals(boxLines, rows.size());
        for (String row : rows) assertFalse(row.endsWith(" null"), "figure of merit missing: " + row);

        // Campaign mode: the same micrographs with this decision: no pass 1, the same picks.
        Path out2 = tmp.resolve("campaign");
        String decision = out.resolve("summary.json").toString();
        JobFixtures.Cli c2 = JobFixtures.cli("run", "--project", project("p2").toString(), "--out", out2.toString(),
                "--picker", "refined", "--decision", decision);
        assertEquals(0, c2.code(), c2.toString());
        Map<String, byte[]> snap2 = JobFixtures.snapshot(out2.toString(), CONF);
        RunJobTest.assertSameFiles(JobFixtures.under(snap, "boxes/"), JobFixtures.under(snap2, "boxes/"));
        RunJobTest.assertSameFiles(JobFixtures.under(snap, "coords/"), JobFixtures.under(snap2, "coords/"));
        JsonNode s2 = JSON.readTree(snap2.get("summary.json"));
        assertFalse(s2.get("timings").has("pick_s"), "campaign mode ran pass 1: " + s2.get("timings"));
        assertFalse(s2.get("timings").has("estimate_s"), s2.get("timings").toString());
        assertTrue(s2.get("timings").has("refined_pick_s"), s2.get("timings").toString());
        assertEquals(decision, s2.get("decision_source").asText());
        assertEquals(decision, s2.get("refined").get("learned_from").asText());
        assertEquals(diameter, s2.get("particle_diameter").asDouble());
        assertEquals(threshold, s2.get("refined").get("threshold").asDouble());
        // no pass 1, so no density image: each thumbnail is rendered from the raw micrograph the refined stage read,
        // and the report's gallery shows the refined picks on them
        Map<String, byte[]> thumbs = JobFixtures.under(snap2, "thumbs/");
        assertEquals(3, thumbs.size(), thumbs.keySet().toString());
        for (Map.Entry<String, byte[]> t : thumbs.entrySet()) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(t.getValue()));
            assertNotNull(img, t.getKey() + " is a JPEG");
            assertEquals(512, img.getWidth());
            assertEquals(512, img.getHeight());
            // a micrograph, not a flat canvas: the grey levels inside the pasted image vary
            java.util.IntSummaryStatistics g = new java.util.IntSummaryStatistics();
            for (int y = 100; y < 400; y += 7) for (int x = 100; x < 400; x += 7) g.accept(img.getRaster().getSample(x, y, 0));
            assertTrue(g.getMax() - g.getMin() > 40, t.getKey() + " grey range " + g);
            // the same placement and contrast as pass 1's density thumbnail of that micrograph (particles dark where
            // the report draws its boxes): the two pictures correlate
            java.awt.image.BufferedImage p1 = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(snap.get(t.getKey())));
            double r = correlation(img, p1);
            assertTrue(r > 0.3, t.getKey() + ": correlation with pass 1's thumbnail " + r);
        }
        String report2 = new String(snap2.get("report.html"), StandardCharsets.UTF_8);
        assertFalse(report2.contains("No thumbnails."), "campaign gallery is empty");
        assertEquals(3, report2.split("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"thumb\"", -1).length - 1,
                "three gallery images");
        assertTrue(report2.split("data:image/jpeg;base64,", -1).length - 1 >= 3, "gallery images embedded");
        assertTrue(report2.contains("<rect class=\"box\""), "refined picks drawn on the gallery");
        // every micrograph's pass-1 particle count is 0: the segmentation cascade never ran
        List<String> tsv = new String(snap2.get("micrographs.tsv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, tsv.size());
        for (String line : tsv.subList(1, 4)) assertEquals("0", line.split("\t", -1)[3], line);
        assertEquals(rows, PicksTable.rows(out2.resolve("picks.parquet").toString()));

        // --threshold overrides the decision's threshold: a higher one keeps a subset
        Path out3 = tmp.resolve("campaign-threshold");
        JobFixtures.Cli c3 = JobFixtures.cli("run", "--project", project("p3").toString(), "--out", out3.toString(),
                "--picker", "refined", "--decision", decision, "--threshold", String.valueOf(threshold + 2));
        assertEquals(0, c3.code(), c3.toString());
        JsonNode s3 = JSON.readTree(Files.readAllBytes(out3.resolve("summary.json")));
        assertEquals(threshold + 2, s3.get("refined").get("threshold").asDouble(), 1e-9);
        assertEquals("--threshold", s3.get("refined").get("threshold_source").asText());
        long fewer = s3.get("micrographs").get("particles").asLong();
        assertTrue(fewer > 0 && fewer < boxLines, fewer + " of " + boxLines);
    }

    /** Pearson correlation of two greyscale pictures' pixels. */
    private static double correlation(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++, n++) {
                double u = a.getRaster().getSample(x, y, 0), v = b.getRaster().getSample(x, y, 0);
                sa += u;
                sb += v;
                saa += u * u;
                sbb += v * v;
                sab += u * v;
            }
        return (sab - sa * sb / n) / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    @Test
    void pickerSegmentationIsTheDefaultRunByteForByte() throws IOException {
        ReferenceRun ref = ReferenceRun.get(); // run without --picker
        Path out = tmp.resolve("segmentation");
        JobFixtures.Cli cli = JobFixtures.cli("run", "--project", project("p").toString(), "--out", out.toString(),
                "--picker", "segmentation");
        assertEquals(0, cli.code(), cli.toString());
        Map<String, byte[]> snap = JobFixtures.snapshot(out.toString(), CONF);
        for (String folder : List.of("boxes/", "coords/", "thumbs/", "report.html", "_SUCCESS"))
            RunJobTest.assertSameFiles(JobFixtures.under(ref.snapshot, folder), JobFixtures.under(snap, folder));
        assertEquals(PicksTable.rows(ref.out.resolve("picks.parquet").toString()), PicksTable.rows(out.resolve("picks.parquet").toString()));
        com.fasterxml.jackson.databind.node.ObjectNode a = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(ref.snapshot.get("summary.json"));
        com.fasterxml.jackson.databind.node.ObjectNode b = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(snap.get("summary.json"));
        for (var s : List.of(a, b)) s.remove(List.of("spark", "timings"));
        assertEquals(a, b);
        assertFalse(b.has("particle_diameter") || b.has("refined"), "segmentation summary unchanged");
        String star = new String(JobFixtures.under(snap, "coords/").values().iterator().next(), StandardCharsets.US_ASCII);
        assertFalse(star.contains("_rlnAutopickFigureOfMerit"), star);
    }

    @Test
    void aDecisionWithoutTheRefinedFieldsIsOneLineExit2NamingTheFile() throws IOException {
        Path old = ReferenceRun.get().out.resolve("summary.json"); // written by the segmentation picker
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.write(out.resolve("_SUCCESS"), new byte[0]); // an earlier run's
        Path p = project("p");
        byte[] before = Files.readAllBytes(p);
        JobFixtures.Cli cli = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(),
                "--picker", "refined", "--decision", old.toString());
        assertEquals(2, cli.code(), cli.toString());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains(old.toString()) && cli.err().contains("particle_diameter"), cli.err());
        // refused before anything changed: the earlier run's marker and the project are untouched, nothing picked
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(p));
        assertFalse(Files.exists(out.resolve("boxes")), "nothing picked");
    }

    @Test
    void thresholdNeedsTheRefinedPickerAndPickerValuesAreChecked() throws IOException {
        Path out = tmp.resolve("out");
        JobFixtures.Cli a = JobFixtures.cli("run", "--project", project("p").toString(), "--out", out.toString(), "--threshold", "2");
        assertEquals(2, a.code(), a.toString());
        assertTrue(a.err().contains("--threshold") && a.err().contains("--picker refined"), a.err());
        JobFixtures.Cli b = JobFixtures.cli("run", "--project", tmp.resolve("p.jsonl").toString(), "--out", out.toString(),
                "--picker", "log");
        assertEquals(2, b.code(), b.toString());
        assertTrue(b.err().contains("log") && b.err().contains("segmentation or refined"), b.err());
    }

    @Test
    void sizeEvidenceTravelsInTheStage1TableCompressedAndIntact() throws IOException {
        Path mic = JobFixtures.apoferritin().get(0);
        org.segdiampick.image.Image2D raw = org.segdiampick.io.MrcReader.read(mic.toString(), CONF,
                org.segdiampick.io.MrcReader.Options.IMAGE).image();
        org.segdiampick.pick.refined.SizeEvidence e = new org.segdiampick.pick.refined.RefinedPicker(
                org.segdiampick.pick.Contrast.BLACK).evidence(raw, 1.5);
        MicTask t = new MicTask(0, mic.toString(), 1.5, "m", null, null, null, null);
        org.apache.spark.sql.Row row = OutcomeRows.pass1(t, Pass1Outcome.failed(t, "x", "0", 0), e);
        byte[] bytes = (byte[]) row.get(OutcomeRows.PASS1.fieldIndex("evidence"));
        assertTrue(bytes.length < 4096, "evidence per micrograph in the cached table: " + bytes.length + " bytes");
        org.segdiampick.pick.refined.SizeEvidence back = OutcomeRows.evidence(bytes);
        for (int j = 0; j < org.segdiampick.pick.refined.SizeEvidence.SCALES; j++) {
            assertEquals(e.meanTopScore(j), back.meanTopScore(j), 0.0);
            assertEquals(e.micrographs(j), back.micrographs(j));
            assertEquals(e.histogram(j), back.histogram(j));
        }
        assertTrue(e.histogram(8).total() > 0, "a real micrograph has peaks");
        assertFalse(java.util.Arrays.asList(OutcomeRows.DRIVER_COLUMNS).contains("evidence"), "the driver never collects it");
    }

    private static String text(Map<String, byte[]> snap, String key) {
        byte[] b = snap.get(key);
        assertNotNull(b, key + " not written");
        return new String(b, StandardCharsets.UTF_8);
    }
}
