package org.segdiampick.job;

import org.segdiampick.Parameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.estimate.EstimateReport;
import org.segdiampick.io.BoxFile;
import org.segdiampick.io.DiameterFile;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.MrcHeader;
import org.segdiampick.io.MrcReader;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.io.StarFile;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} and {@code preprocess} end to end on the 3 real apoferritin micrographs (1240 × 1200, 1.5 Å) with
 * the embedded local Spark: outputs, their invariants, preprocess → run equivalence, decision reuse, rerun
 * determinism.
 */
class RunJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    @Test
    void runWritesEveryOutputWithItsInvariants() throws IOException {
        ReferenceRun ref = ReferenceRun.get();
        Map<String, byte[]> snap = ref.snapshot;
        assertTrue(snap.containsKey("_SUCCESS"), snap.keySet().toString());
        JsonNode summary = JSON.readTree(snap.get("summary.json"));
        int box = summary.get("box_in_pix").asInt();
        assertTrue(ref.cli.out().contains("box_in_pix " + box), ref.cli.out());

        List<MicRecord> project = ProjectStore.read(ref.project.toString(), CONF);
        assertEquals(3, project.size());
        Set<String> names = new TreeSet<>();
        long particles = 0;
        for (MicRecord r : project) {
            String name = OutputLayout.baseName(r.intg());
            names.add(name);
            for (String k : ProjectUpdate.PRE_PICK_KEYS) assertFalse(r.has(k), k + " left in " + r);
            assertEquals(1, r.state());
            assertNull(r.getString("error"));
            int n = r.getInt("nptcls");
            assertTrue(n > 10, "apoferritin micrographs hold dozens of particles: " + r);
            particles += n;
            assertEquals(ref.out.resolve("boxes/" + name + ".box").toString(), r.getString("boxfile"));
            assertEquals(ref.out.resolve("thumbs/" + name + "_den.jpg").toString(), r.getString("thumb_den"));

            // Box file: parses, one line per kept particle, the decided box size, centres inside the micrograph.
            MrcHeader h = MrcReader.read(r.intg(), CONF, MrcReader.Options.HEADER).header();
            List<BoxFile.BoxLine> lines = BoxFile.read(new StringReader(text(snap, "boxes/" + name + ".box")), name);
            assertEquals(n, lines.size());
            for (BoxFile.BoxLine b : lines) {
                assertEquals(box, b.width());
                assertEquals(box, b.height());
                assertTrue(b.centreX() >= 0 && b.centreX() < h.nx() && b.centreY() >= 0 && b.centreY() < h.ny(),
                        "box centre outside " + name + ": " + b);
                // The gate compares the corrected diameter with the accepted bounds (B-12).
                double corrected = b.diameter() + Parameters.EROSION_CORRECTION;
                assertTrue(corrected >= summary.get("diam_min").asDouble() - 0.06
                        && corrected <= summary.get("diam_max").asDouble() + 0.06, "diameter outside the gate: " + b);
            }
            // Coordinate file: same centres as the box file.
            String coordRel = new OutputLayout(ref.out.toString()).coords(r.intg()).substring(ref.out.toString().length() + 1);
            StarFile.Loop loop = StarFile.parse(new StringReader(text(snap, coordRel)), name)
                    .blocks().get(0).loopWith("_rlnCoordinateX");
            assertEquals(n, loop.size());
            for (int i = 0; i < n; i++) {
                assertEquals(lines.get(i).centreX(), Double.parseDouble(loop.value(i, "_rlnCoordinateX")), 0.5 + 1e-9);
                assertEquals(lines.get(i).centreY(), Double.parseDouble(loop.value(i, "_rlnCoordinateY")), 0.5 + 1e-9);
            }
            assertJpeg512(snap.get("thumbs/" + name + "_den.jpg"));
        }

        // coords.star lists every coordinate file, with its micrograph.
        StarFile.Loop index = StarFile.parse(new StringReader(text(snap, "coords.star")), "coords.star")
                .block("coordinate_files").loopWith("_rlnMicrographCoordinates");
        assertEquals(3, index.size());
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < index.size(); i++) {
            listed.add(index.value(i, "_rlnMicrographCoordinates"));
            assertTrue(index.value(i, "_rlnMicrographName").startsWith(JobFixtures.APOFERRITIN.toString()));
        }
        Set<String> expected = new HashSet<>();
        for (MicRecord r : project) expected.add(new OutputLayout(ref.out.toString()).coords(r.intg()));
        assertEquals(expected, listed);

        // summary.json: the estimate keys, the counts, where it ran.
        for (String k : List.of("box_in_pix", "mskdiam", "diam_min", "diam_max", "n_diameters", "n_accepted",
                "clustering", "mad", "stats_before", "stats_after", "clusters", "micrographs", "spark", "timings"))
            assertTrue(summary.has(k), "summary.json lacks " + k);
        JsonNode m = summary.get("micrographs");
        assertEquals(3, m.get("selected").asInt());
        assertEquals(3, m.get("picked").asInt());
        assertEquals(0, m.get("failed").asInt());
        assertEquals(3, m.get("with_boxes").asInt());
        assertEquals(particles, m.get("particles").asLong());
        assertEquals("local[2]", summary.get("spark").get("master").asText());
        assertTrue(summary.get("spark").get("n_executors").asInt() >= 1);
        assertEquals("estimated", summary.get("decision_source").asText());
        for (String stage : List.of("pick_s", "estimate_s", "repick_s", "write_s", "total_s", "pick_tasks_s"))
            assertTrue(summary.get("timings").get(stage).asDouble() >= 0, stage);

        String html = text(snap, "report.html");
        assertTrue(html.contains("<html") && html.contains(Integer.toString(box)), "report.html");
        assertTrue(html.contains("<a href=\"micrographs.tsv\">"), "the report links the per-micrograph table");
        // micrographs.tsv: a header and one line per micrograph, agreeing with the project; summary.json has no such list.
        List<String> tsv = text(snap, "micrographs.tsv").lines().toList();
        assertEquals(String.join("\t", org.segdiampick.io.MicrographTable.COLUMNS), tsv.get(0));
        assertEquals(4, tsv.size());
        for (int i = 0; i < 3; i++) {
            String[] cells = tsv.get(i + 1).split("\t", -1);
            assertEquals(project.get(i).intg(), cells[0]);
            assertEquals("picked", cells[2]);
            assertEquals(project.get(i).getInt("nptcls"), Integer.parseInt(cells[4]));
            assertEquals(project.get(i).getString("boxfile"), cells[5]);
        }
        assertFalse(summary.has("per_micrograph"));

        // picks.parquet, read back with Spark SQL: exactly the rows of the box files.
        org.apache.spark.sql.SparkSession spark = org.segdiampick.testing.SharedSpark.spark();
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> picks = spark.read().parquet(ref.out.resolve("picks.parquet").toString());
        assertEquals(List.of("micrograph", "x", "y", "diameter", "figure_of_merit"), List.of(picks.columns()));
        picks.createOrReplaceTempView("picks");
        Map<String, Long> perMic = new java.util.TreeMap<>();
        for (org.apache.spark.sql.Row row : spark.sql("SELECT micrograph, count(*) AS n FROM picks GROUP BY micrograph").collectAsList())
            perMic.put(row.getString(0), row.getLong(1));
        Map<String, Long> expectedPerMic = new java.util.TreeMap<>();
        for (MicRecord r : project) expectedPerMic.put(r.intg(), (long) r.getInt("nptcls"));
        assertEquals(expectedPerMic, perMic);
        assertEquals(0, spark.sql("SELECT * FROM picks WHERE figure_of_merit IS NOT NULL").count(), "the segmentation picker gives no merit");
        for (MicRecord r : project) {
            List<BoxFile.BoxLine> lines = new ArrayList<>(BoxFile.read(new StringReader(text(snap, "boxes/" + OutputLayout.baseName(r.intg()) + ".box")), r.intg()));
            List<org.apache.spark.sql.Row> rows = spark.sql("SELECT x, y, diameter FROM picks WHERE micrograph = '" + r.intg() + "' ORDER BY x, y").collectAsList();
            lines.sort(java.util.Comparator.comparingDouble(BoxFile.BoxLine::centreX).thenComparingDouble(BoxFile.BoxLine::centreY));
            assertEquals(lines.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(lines.get(i).centreX(), rows.get(i).getInt(0), 0.5 + 1e-9);
                assertEquals(lines.get(i).centreY(), rows.get(i).getInt(1), 0.5 + 1e-9);
                assertEquals(lines.get(i).diameter(), rows.get(i).getDouble(2), 0.05 + 1e-9);
            }
        }
        // No intermediate images without --keep-intermediates: stage 6 works from what pass 1 measured.
        assertTrue(snap.keySet().stream().noneMatch(k -> k.startsWith("work/") || k.endsWith(".mrc")), snap.keySet().toString());
    }

    @Test
    void preprocessThenRunGivesTheSameBoxesAndBoxSizeAsADirectRun() throws IOException {
        ReferenceRun ref = ReferenceRun.get();
        Path project = tmp.resolve("p.jsonl"), pre = tmp.resolve("pre"), out = tmp.resolve("out");
        Files.write(project, ref.importedProject);
        JobFixtures.Cli p = JobFixtures.cli("preprocess", "--project", project.toString(), "--out", pre.toString());
        assertEquals(0, p.code(), p.toString());
        assertTrue(Files.exists(pre.resolve("_SUCCESS")));
        List<MicRecord> recs = ProjectStore.read(project.toString(), CONF);
        List<Double> all = new ArrayList<>();
        for (MicRecord r : recs) {
            for (String k : ProjectUpdate.PRE_PICK_KEYS) {
                assertNotNull(r.getString(k), k + " missing in " + r);
                assertTrue(Files.exists(Path.of(r.getString(k))), r.getString(k));
            }
            for (double d : DiameterFile.read(Files.newBufferedReader(Path.of(r.getString("mic_diam"))), r.getString("mic_diam"))) all.add(d);
        }
        // The box size of `estimate` on the pass-1 diameters is the run's box size.
        JsonNode refSummary = JSON.readTree(ref.snapshot.get("summary.json"));
        EstimateReport est = Estimate.run(all.stream().mapToDouble(Double::doubleValue).toArray(), 1.5, Clustering.KMEANS);
        assertEquals(refSummary.get("n_diameters").asInt(), all.size());
        assertEquals(refSummary.get("box_in_pix").asInt(), est.decision().boxInPix());
        assertEquals(refSummary.get("mskdiam").asDouble(), est.decision().mskdiam(), 1e-3);

        Path project2 = tmp.resolve("p2.jsonl");
        Files.copy(project, project2);
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(3, s.get("micrographs").get("imported").asInt());
        assertEquals(0, s.get("micrographs").get("picked").asInt());
        assertEquals(refSummary.get("box_in_pix").asInt(), s.get("box_in_pix").asInt());
        Map<String, byte[]> imported = JobFixtures.snapshot(out.toString(), CONF);
        for (String folder : List.of("boxes/", "coords/", "thumbs/"))
            assertSameFiles(JobFixtures.under(ref.snapshot, folder), JobFixtures.under(imported, folder));

        // A direct run with --keep-intermediates: the same outputs as the default run, and under work/ exactly
        // the images preprocess wrote (the binary one as MRC mode 0).
        Path project3 = tmp.resolve("p3.jsonl"), keep = tmp.resolve("keep");
        Files.write(project3, ref.importedProject);
        JobFixtures.Cli kr = JobFixtures.cli("run", "--project", project3.toString(), "--out", keep.toString(), "--keep-intermediates");
        assertEquals(0, kr.code(), kr.toString());
        Map<String, byte[]> kept = JobFixtures.snapshot(keep.toString(), CONF);
        for (String folder : List.of("boxes/", "coords/", "thumbs/"))
            assertSameFiles(JobFixtures.under(ref.snapshot, folder), JobFixtures.under(kept, folder));
        assertEquals(new String(Files.readAllBytes(ref.project)).replace(ref.out.toString(), keep.toString()),
                new String(Files.readAllBytes(project3)));
        Map<String, byte[]> work = JobFixtures.under(kept, "work/");
        assertEquals(9, work.size(), work.keySet().toString());
        Map<String, byte[]> pre1 = JobFixtures.snapshot(pre.toString(), CONF);
        for (Map.Entry<String, byte[]> e : work.entrySet())
            assertArrayEquals(pre1.get(e.getKey().substring("work/".length())), e.getValue(), e.getKey());
        for (String b : work.keySet())
            if (b.endsWith("_bin.mrc")) assertEquals(MrcHeader.Mode.INT8, MrcReader.read(keep.resolve(b).toString(), CONF, MrcReader.Options.HEADER).header().mode());
        for (MicRecord rec : ProjectStore.read(project.toString(), CONF))
            for (String k : ProjectUpdate.PRE_PICK_KEYS) assertFalse(rec.has(k), "imported entry " + k + " not deleted: " + rec);
        // Nothing was picked again: no pass-1 images under OUT/work.
        assertFalse(Files.exists(out.resolve("work")));

        // A previous decision applied to the same (imported) micrographs: same box size, no estimation, same boxes.
        Path out3 = tmp.resolve("out3");
        String decision = ref.out.resolve("summary.json").toString();
        JobFixtures.Cli d = JobFixtures.cli("run", "--project", project2.toString(), "--out", out3.toString(), "--decision", decision);
        assertEquals(0, d.code(), d.toString());
        JsonNode ds = JSON.readTree(out3.resolve("summary.json").toFile());
        assertEquals(decision, ds.get("decision_source").asText());
        assertFalse(ds.has("clusters"), "a reused decision has no clustering");
        for (String k : List.of("box_in_pix", "mskdiam", "diam_min", "diam_max"))
            assertEquals(refSummary.get(k).asDouble(), ds.get(k).asDouble(), k);
        assertSameFiles(JobFixtures.under(ref.snapshot, "boxes/"), JobFixtures.under(JobFixtures.snapshot(out3.toString(), CONF), "boxes/"));
    }

    @Test
    void rerunOfTheSameInputIsByteIdentical() throws IOException {
        ReferenceRun ref = ReferenceRun.get();
        byte[] project1 = Files.readAllBytes(ref.project);
        List<String> picks1 = org.segdiampick.testing.PicksTable.rows(ref.out.resolve("picks.parquet").toString());
        JobFixtures.Cli again = JobFixtures.cli("run", "--project", ref.project.toString(), "--out", ref.out.toString());
        assertEquals(0, again.code(), again.toString());
        Map<String, byte[]> second = JobFixtures.snapshot(ref.out.toString(), CONF);
        assertArrayEquals(project1, Files.readAllBytes(ref.project), "project.jsonl differs on a rerun");
        for (String folder : List.of("boxes/", "coords/", "thumbs/", "coords.star", "micrographs.star", "micrographs.tsv", "_SUCCESS"))
            assertSameFiles(JobFixtures.under(ref.snapshot, folder), JobFixtures.under(second, folder));
        assertArrayEquals(ref.snapshot.get("report.html"), second.get("report.html"), "report.html differs on a rerun");
        // picks.parquet: its part files are named afresh by Spark on every write, its rows are the same
        assertFalse(picks1.isEmpty());
        assertEquals(picks1, org.segdiampick.testing.PicksTable.rows(ref.out.resolve("picks.parquet").toString()));
        ObjectNode s1 = (ObjectNode) JSON.readTree(ref.snapshot.get("summary.json"));
        ObjectNode s2 = (ObjectNode) JSON.readTree(second.get("summary.json"));
        assertFalse(s1.get("spark").get("app_id").asText().isEmpty());
        for (ObjectNode s : List.of(s1, s2)) s.remove(List.of("spark", "timings"));
        assertEquals(s1, s2);
        // The previous project version is kept next to it.
        assertArrayEquals(project1, Files.readAllBytes(Path.of(ref.project + ".prev")));
    }

    static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertFalse(expected.isEmpty(), "nothing to compare");
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) assertTrue(Arrays.equals(expected.get(k), actual.get(k)), k + " differs");
    }

    private static String text(Map<String, byte[]> snap, String key) {
        byte[] b = snap.get(key);
        assertNotNull(b, key + " not written");
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void assertJpeg512(byte[] jpg) throws IOException {
        assertNotNull(jpg, "thumbnail not written");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertTrue(readers.hasNext(), "not an image");
            ImageReader reader = readers.next();
            assertEquals("jpeg", reader.getFormatName().toLowerCase(java.util.Locale.ROOT));
            reader.setInput(in);
            BufferedImage img = reader.read(0);
            assertEquals(512, img.getWidth());
            assertEquals(512, img.getHeight());
            reader.dispose();
        }
    }
}
