package org.segdiampick.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.io.BoxFile;
import org.segdiampick.testing.SharedSpark;
import org.segdiampick.testing.SmallBatch;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 2 as written: two runs at once on one {@code --out}, k-means in a child JVM and HAC in this one.
 * The second is refused (exit 2, naming the run that holds OUT) while the first one runs, and writes nothing; the
 * first one finishes with {@code _SUCCESS}, and every box file has the box size its summary says.
 */
class ConcurrentRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void kmeansAndHacAtOnceOnOneOutTheSecondIsRefusedAndTheFirstIsConsistent() throws Exception {
        SharedSpark.spark(); // this JVM's session is up before the other run starts, so the second run comes while it runs
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 24);
        Path p = JobFixtures.project(tmp.resolve("p.jsonl"), mics), out = tmp.resolve("out"), log = tmp.resolve("kmeans.log");
        Process kmeans = JobFixtures.childCli(List.of(), log, "run", "--project", p.toString(), "--out", out.toString(),
                "--clustering", "kmeans", "--master", "local[1]");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!Files.exists(out.resolve(Checkpoints.FOLDER)) && kmeans.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(kmeans.isAlive(), "the k-means run ended before it was picking:\n" + Files.readString(log));
            assertTrue(Files.exists(out.resolve("_LOCK")));

            JobFixtures.Cli hac = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(), "--clustering", "hac");
            assertEquals(ExitCodes.BAD_INPUT, hac.code(), hac.toString());
            assertTrue(hac.err().contains("another run holds this output folder") && hac.err().contains("pid " + kmeans.pid() + ",")
                    && hac.err().contains("segdiampick run " + p), hac.err());
            assertTrue(kmeans.isAlive() || kmeans.exitValue() == 0, "the refusal must not disturb the running one");

            assertTrue(kmeans.waitFor(300, TimeUnit.SECONDS), "the k-means run did not finish");
        } finally {
            if (kmeans.isAlive()) kmeans.destroyForcibly().waitFor();
        }
        assertEquals(0, kmeans.exitValue(), Files.readString(log));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_LOCK")));
        var summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("kmeans", summary.path("settings").path("clustering").asText(), summary.path("settings").toString());
        int box = summary.get("box_in_pix").asInt();
        int files = 0;
        try (Stream<Path> s = Files.list(out.resolve("boxes"))) {
            for (Path f : s.toList()) {
                for (BoxFile.BoxLine l : BoxFile.read(new StringReader(Files.readString(f)), f.toString()))
                    assertEquals(box, (int) l.width(), f + " has another box size than the summary's " + box);
                files++;
            }
        }
        assertTrue(files > 0, "no box files");
    }
}
