package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 5 and the read-only --out of problem 7, on the pure checks only: no job ever runs here, so an
 * empty or root --out is never used for writing.
 */
class OutLocationTest {
    private static String refused(String out, String master) {
        OptionException e = assertThrows(OptionException.class, () -> OutLocation.resolve(out, master), out + " / " + master);
        assertTrue(e.getMessage().startsWith("--out: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        return e.getMessage();
    }

    @Test
    void emptyOutIsRefused() {
        assertTrue(refused("", "local[*]").contains("is empty"));
        refused("   ", "local[*]");
        refused(null, null);
    }

    @Test
    void rootsAreRefused() {
        for (String root : List.of("/", "//", "/tmp/..", "/./", "file:///", "file:/"))
            assertTrue(refused(root, "local[*]").contains("root"), root);
        for (String root : List.of("hdfs://nn:8020", "hdfs://nn:8020/", "s3a://bucket", "s3a://bucket/", "hdfs:///"))
            assertTrue(refused(root, "yarn").contains("root of its file system or bucket"), root);
    }

    @Test
    void relativeOutWithAClusterMasterIsRefused() {
        for (String m : List.of("spark://h:7077", "yarn", "k8s://https://api:6443", "mesos://m:5050", "SPARK://H:7077"))
            assertTrue(refused("out/run1", m).contains("each executor would resolve it in its own working folder"), m);
        assertTrue(OutLocation.isClusterMaster("yarn"));
        assertFalse(OutLocation.isClusterMaster("local[4]"));
        assertFalse(OutLocation.isClusterMaster("local-cluster[2,1,1024]"));
        assertFalse(OutLocation.isClusterMaster(null));
    }

    @Test
    void relativeOutWithALocalMasterIsMadeAbsoluteOnTheDriver() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(cwd + "/out/run1", OutLocation.resolve("out/./run1/", "local[*]"));
        assertEquals(cwd + "/out", OutLocation.resolve("out", null));
        assertEquals(cwd + "/out", OutLocation.resolve("out", "local-cluster[2,1,1024]"));
        assertEquals("/data/out", OutLocation.resolve("/data//out/", "spark://h:7077"), "absolute: a shared mount");
        assertEquals("/data/out", OutLocation.resolve("file:/data/out", "yarn"));
        assertEquals("s3a://bucket/runs/b1", OutLocation.resolve("s3a://bucket/runs/b1/", "k8s://https://api"));
        assertEquals("hdfs://nn:8020/runs/b1", OutLocation.resolve("hdfs://nn:8020/runs/b1", "yarn"));
    }

    @Test
    void effectiveMasterDefaultsToEmbeddedLocal() {
        assertNull(System.getProperty("spark.master"), "these tests are not run under spark-submit");
        assertEquals("local[*]", OutLocation.effectiveMaster(null));
        assertEquals("yarn", OutLocation.effectiveMaster("yarn"));
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    @Test
    void aWritableFolderPassesAndNoTestFileIsLeft(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("other.txt"), "x");
        List<String> before = listing(tmp);
        assertEquals(tmp.resolve("a/b").toString(), OutLocation.checkLocalOut(tmp.resolve("a/b").toString(), "local[*]"));
        Files.createDirectories(tmp.resolve("existing"));
        assertEquals(tmp.resolve("existing").toString(), OutLocation.checkLocalOut(tmp.resolve("existing") + "/", "local[*]"));
        OutLocation.checkWritable(tmp.resolve("existing").toString(), new Configuration());
        assertEquals(List.of(), listing(tmp.resolve("existing")));
        assertFalse(Files.exists(tmp.resolve("a")), "the check does not create the folder");
        assertEquals(List.of(tmp.resolve("existing").toString(), tmp.resolve("other.txt").toString()), listing(tmp));
        assertEquals(before.size() + 1, listing(tmp).size());
    }

    @Test
    void aFileOrAFolderUnderAFileIsRefused(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        OptionException e = assertThrows(OptionException.class, () -> OutLocation.checkLocalOut(f.toString(), "local[*]"));
        assertEquals("--out: " + f + " is a file, not a folder", e.getMessage());
        e = assertThrows(OptionException.class, () -> OutLocation.checkLocalOut(f + "/out", "local[*]"));
        assertTrue(e.getMessage().contains("cannot be created: " + f + " is a file"), e.getMessage());
    }

    @Test
    void anUnwritableFolderIsRefusedBeforeAnythingRuns() {
        // procfs refuses new files even to root, unlike a chmod-ed folder
        OptionException e = assertThrows(OptionException.class,
                () -> OutLocation.checkLocalOut("/proc/segdiampick-out", "local[*]"));
        assertTrue(e.getMessage().startsWith("--out: /proc/segdiampick-out is not writable: cannot create a file in /proc"),
                e.getMessage());
    }
}
