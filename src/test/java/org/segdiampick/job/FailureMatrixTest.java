package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.MrcHeader;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.pick.Contrast;
import org.segdiampick.testing.MiniHdfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault isolation, one case per kind of broken micrograph, all in ONE run (2 good apoferritin micrographs + 10 bad
 * ones, {@code --max-failed-fraction 0.9}): each bad one ends with {@code state = 0} and an {@code error} naming
 * the file and the problem, the good ones are processed, the run succeeds (exit 0).
 *
 * <p>Permission denied is real, not simulated: tests run as root, for whom a local {@code chmod 000} denies
 * nothing, so that micrograph lives on an HDFS that checks permissions, whose superuser is another user
 * ({@link MiniHdfs#startWithPermissionsAs}), as a mode-000 file of that user.
 */
class FailureMatrixTest {
    private static final Configuration CONF = new Configuration();
    private static final int NX = 1240, NY = 1200;

    @TempDir
    static Path tmp;

    private static MiniHdfs hdfs;
    /** Case → micrograph path, in project order after the 2 good ones. */
    private static final Map<String, String> BAD = new LinkedHashMap<>();
    private static List<String> good;
    private static JobFixtures.Cli cli;
    private static Map<String, MicRecord> after;
    private static JsonNode summary;
    private static String report;

    @BeforeAll
    static void runTheMatrixOnce() throws Exception {
        List<Path> apo = JobFixtures.apoferritin();
        good = List.of(apo.get(0).toString(), apo.get(1).toString());
        byte[] mic = Files.readAllBytes(apo.get(2));
        int data = MrcHeader.SIZE + header(mic).nsymbt();
        assertEquals(NX * NY * 4, mic.length - data, "float32 apoferritin micrograph expected");

        BAD.put("missing", tmp.resolve("missing.mrc").toString());
        BAD.put("permission", deniedOnHdfs(mic));
        BAD.putAll(writeLocalKinds(tmp));

        List<MicRecord> recs = new ArrayList<>();
        for (String g : good) recs.add(MicRecord.of(g, 1.5));
        for (String b : BAD.values()) recs.add(MicRecord.of(b, 1.5));
        Path project = tmp.resolve("project.jsonl");
        ProjectStore.write(project.toString(), recs, CONF);
        Path out = tmp.resolve("out");
        cli = JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString(), "--max-failed-fraction", "0.9");
        after = new LinkedHashMap<>();
        for (MicRecord r : ProjectStore.read(project.toString(), CONF)) after.put(r.intg(), r);
        summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        report = Files.readString(out.resolve("report.html"));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @AfterAll
    static void stopHdfs() throws IOException {
        if (hdfs != null) hdfs.close();
    }

    private static String deniedOnHdfs(byte[] content) throws Exception {
        hdfs = MiniHdfs.startWithPermissionsAs("hdfs");
        String file = hdfs.uri() + "/mics/denied.mrc";
        UserGroupInformation.createRemoteUser("hdfs").doAs((PrivilegedExceptionAction<Void>) () -> {
            try (FileSystem fs = FileSystem.newInstance(hdfs.uri(), hdfs.configuration())) {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
                try (var os = fs.create(p)) {
                    os.write(content);
                }
                fs.setPermission(p, new FsPermission((short) 0));
            }
            return null;
        });
        // The user of this JVM sees the file but may not read it.
        try (FileSystem fs = FileSystem.newInstance(hdfs.uri(), hdfs.configuration())) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(file)));
            assertFalse(UserGroupInformation.getCurrentUser().getShortUserName().equals("hdfs"));
            org.apache.hadoop.security.AccessControlException denied = org.junit.jupiter.api.Assertions.assertThrows(
                    org.apache.hadoop.security.AccessControlException.class, () -> fs.open(new org.apache.hadoop.fs.Path(file)).close());
            assertTrue(denied.getMessage().contains("Permission denied"), denied.getMessage());
        }
        return file;
    }

    /**
     * Writes into {@code dir} one micrograph of every broken kind a local folder can hold (not "missing", not
     * "permission": see the class comment), made from the third apoferritin micrograph; returns kind → path.
     * {@link FolderImportRunTest} imports such a folder.
     */
    static Map<String, String> writeLocalKinds(Path dir) throws IOException {
        byte[] mic = Files.readAllBytes(JobFixtures.apoferritin().get(2));
        int data = MrcHeader.SIZE + header(mic).nsymbt();
        byte[] pixels = Arrays.copyOfRange(mic, data, mic.length);
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("truncated", write(dir, "truncated.mrc", Arrays.copyOf(mic, data + NX * 4 * 100)));
        // Garbage where the header should be: a PNG image with an .mrc name.
        kinds.put("corrupt", write(dir, "corrupt.mrc", Files.readAllBytes(JobFixtures.RIBOSOME.resolve("311_10028.png"))));
        kinds.put("mode4", write(dir, "complex.mrc", concat(patchInt(mic, MrcHeader.Field.MODE, 4), pixels)));
        kinds.put("stack", write(dir, "stack.mrc", concat(patchInt(mic, MrcHeader.Field.NZ, 3), pixels, pixels)));
        kinds.put("nan", write(dir, "nan.mrc", patchFloat(mic, data + 4 * (600 * NX + 620), Float.NaN)));
        kinds.put("inf", write(dir, "inf.mrc", patchFloat(mic, data + 4 * (17 * NX + 3), Float.POSITIVE_INFINITY)));
        float[] flat = new float[NX * NY];
        Arrays.fill(flat, 3.25f);
        Path constant = dir.resolve("constant.mrc");
        MrcWriter.write(new Image2D(NX, NY, 1.5, 1.5, flat), constant.toString(), CONF);
        kinds.put("constant", constant.toString());
        // A real 5.36 Å micrograph in a 1.5 Å project.
        kinds.put("pixelsize", write(dir, "pixelsize.mrc", Files.readAllBytes(JobFixtures.RIBOSOME.resolve("312_10028.mrc"))));
        return kinds;
    }

    /** What the error of each broken kind says (besides the file's path). */
    static final Map<String, String> PROBLEMS = Map.ofEntries(Map.entry("missing", "not found"),
            Map.entry("permission", "ermission denied"), Map.entry("truncated", "truncated MRC file"),
            Map.entry("corrupt", "corrupt header"), Map.entry("mode4", "unsupported MRC mode 4"), Map.entry("stack", "3 sections"),
            Map.entry("nan", "NaN"), Map.entry("inf", "infinite"), Map.entry("constant", "constant"), Map.entry("pixelsize", "pixel size"));

    private static String write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    private static MrcHeader header(byte[] mic) {
        return new MrcHeader(Arrays.copyOf(mic, MrcHeader.SIZE), ByteOrder.LITTLE_ENDIAN);
    }

    /** The micrograph's header alone, with one field changed. */
    private static byte[] patchInt(byte[] mic, MrcHeader.Field field, int value) {
        return header(mic).setInt(field, value).toBytes();
    }

    private static byte[] patchFloat(byte[] mic, int offset, float value) {
        byte[] c = mic.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putFloat(offset, value);
        return c;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int k = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    /** The micrograph of {@code kind} failed in stage 1 with an error naming it and containing {@code problem}. */
    private static void assertFailed(String kind) {
        String problem = PROBLEMS.get(kind);
        String mic = BAD.get(kind);
        MicRecord r = after.get(mic);
        assertEquals(0, r.state(), r.toString());
        String error = r.getString("error");
        assertTrue(error != null && error.contains(mic), "error must name the file: " + r);
        assertTrue(error.contains(problem), "error must say '" + problem + "': " + error);
        assertEquals(1, error.lines().count(), "one-line error: " + error);
        assertEquals(0, r.getInt("nptcls"));
        assertFalse(r.has("boxfile"));
        boolean listed = false;
        for (JsonNode f : summary.get("failures"))
            if (f.get("micrograph").asText().equals(mic)) {
                listed = true;
                assertEquals("pick", f.get("stage").asText());
                assertEquals(error, f.get("error").asText());
            }
        assertTrue(listed, mic + " not among summary.json failures");
        assertTrue(report.contains(OutputLayout.baseName(mic)), "report.html lacks " + mic);
    }

    @Test
    void theRunSucceedsAndTheGoodMicrographsAreProcessed() {
        assertEquals(0, cli.code(), cli.toString());
        assertEquals(12, after.size());
        for (String g : good) {
            MicRecord r = after.get(g);
            assertEquals(1, r.state(), r.toString());
            assertNull(r.getString("error"));
            assertTrue(r.getInt("nptcls") > 10, r.toString());
            assertTrue(Files.exists(Path.of(r.getString("boxfile"))), r.toString());
        }
        JsonNode m = summary.get("micrographs");
        assertEquals(12, m.get("selected").asInt());
        assertEquals(2, m.get("picked").asInt());
        assertEquals(10, m.get("failed").asInt());
        assertEquals(10, summary.get("failures").size());
        assertEquals(2, m.get("with_boxes").asInt());
    }

    @Test
    void aMissingFileIsMarkedNotFound() {
        assertFailed("missing");
    }

    @Test
    void anUnreadableFileIsMarkedPermissionDenied() {
        assertFailed("permission");
    }

    @Test
    void aTruncatedMrcIsMarkedTruncated() {
        assertFailed("truncated");
    }

    @Test
    void aCorruptHeaderIsMarkedCorrupt() {
        assertFailed("corrupt");
    }

    @Test
    void anUnsupportedModeIsMarkedWithItsNumber() {
        assertFailed("mode4");
    }

    @Test
    void aStackIsMarkedWithItsSectionCount() {
        assertFailed("stack");
    }

    @Test
    void aNanPixelMarksTheMicrograph() {
        assertFailed("nan");
    }

    @Test
    void anInfinitePixelMarksTheMicrograph() {
        assertFailed("inf");
    }

    @Test
    void aConstantImageIsMarkedConstant() {
        assertFailed("constant");
    }

    @Test
    void aContradictingHeaderPixelSizeIsMarkedWithBothSizes() {
        assertFailed("pixelsize");
        assertTrue(after.get(BAD.get("pixelsize")).getString("error").contains("5.36"));
    }

    /**
     * The cheap checks come before any pixel is read: a header-only file (no pixel data at all) that is a stack,
     * or has the wrong pixel size, is rejected for that, not as truncated; a sound header-only file gets past
     * them and only then fails as truncated.
     */
    @Test
    void cheapChecksRunBeforeThePixelsAreRead() throws IOException {
        byte[] mic = Files.readAllBytes(JobFixtures.apoferritin().get(0));
        byte[] ribosome = Files.readAllBytes(JobFixtures.RIBOSOME.resolve("312_10028.mrc"));
        PickStage stage = new PickStage(new PickSettings(Contrast.parse("black"), 500, new OutputLayout(tmp.resolve("direct").toString()), PickSettings.Pass1Writes.THUMBNAIL_AND_INTERMEDIATES, false));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(write(tmp, "h-stack.mrc", patchInt(mic, MrcHeader.Field.NZ, 3)), "3 sections");
        expected.put(write(tmp, "h-smpd.mrc", Arrays.copyOf(ribosome, 1024)), "pixel size");
        expected.put(write(tmp, "h-ok.mrc", Arrays.copyOf(mic, 1024)), "truncated MRC file");
        int i = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Pass1Outcome o = stage.process(new MicTask(i++, e.getKey(), 1.5, "m" + i, null, null, null, null), CONF, "driver");
            assertTrue(o.failed());
            assertTrue(o.error().contains(e.getKey()) && o.error().contains(e.getValue()), o.error());
        }
    }
}
