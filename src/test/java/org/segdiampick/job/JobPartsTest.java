package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.MicRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark-free parts of the job layer: selection, names, fail-fast translation, the shipped configuration. */
class JobPartsTest {

    @Test
    void selectionTakesIntgRecordsWithPositiveOrNoStateInProjectOrderAndDisambiguatesNames() {
        List<MicRecord> recs = List.of(
                MicRecord.of("/a/mic.1.mrc", 1.5),
                MicRecord.of("/b/rejected.mrc", 1.5).set("state", 0),
                new MicRecord().set("smpd", 1.5),
                MicRecord.of("/c/mic.1.mrc", 1.5).set("state", 2),
                MicRecord.of("/d/other.mrc", 1.5).set("mic_den", "d").set("mic_topo", "t").set("mic_bin", "b"));
        ProjectSelection sel = ProjectSelection.select(recs, null, "p.jsonl");
        assertEquals(List.of(0, 3, 4), sel.tasks.stream().map(MicTask::index).toList());
        // B-28: only the final extension goes; equal names from different folders get a suffix, not a clash.
        assertEquals(List.of("mic.1", "mic.1_2", "other"), sel.tasks.stream().map(MicTask::name).toList());
        assertTrue(sel.tasks.get(2).prePicked());
        assertEquals(1.5, sel.smpd);
        assertEquals(List.of(0, 3), ProjectSelection.select(recs, 2, "p").tasks.stream().map(MicTask::index).toList());
        ProjectSelection all = ProjectSelection.select(recs, 9, "p");
        assertEquals(3, all.tasks.size());
        assertEquals(1, all.warnings.size());
        assertThrows(InputFormatException.class, () -> ProjectSelection.select(recs, 0, "p"));
        InputFormatException mixed = assertThrows(InputFormatException.class, () -> ProjectSelection.select(
                List.of(MicRecord.of("/a.mrc", 1.5), MicRecord.of("/b.mrc", 5.36)), null, "p.jsonl"));
        assertTrue(mixed.getMessage().contains("mixed pixel sizes"), mixed.getMessage());
    }

    @Test
    void outputNamesAreDeterministic() {
        OutputLayout out = new OutputLayout("hdfs://nn:8020/run/out//");
        assertEquals("hdfs://nn:8020/run/out/boxes/m.box", out.box("m"));
        // coordinates where RELION 3.1 looks for them: coords/ + micrograph path without extension (+ .star)
        assertEquals("hdfs://nn:8020/run/out/coords/data/a/m.star", out.coords("/data/a/m.mrc"));
        assertEquals("hdfs://nn:8020/run/out/coords/data/b/m.star", out.coords("/data/b/m.mrc"));
        assertEquals("hdfs://nn:8020/run/out/coords/mics/x.frames.star", out.coords("/p/MotionCorr/job012/mics/x.frames.mrc"));
        assertEquals("hdfs://nn:8020/run/out/coords/s3a/bucket/g1/m.star", out.coords("s3a://bucket/g1/m.mrc"));
        assertEquals("hdfs://nn:8020/run/out/coords/hdfs/nn_8020/g1/m.star", out.coords("hdfs://nn:8020/g1/m.mrc"));
        assertEquals("hdfs://nn:8020/run/out/thumbs/m_den.jpg", out.thumb("m"));
        assertEquals("FoilHole_1.frames", OutputLayout.baseName("s3a://b/x/FoilHole_1.frames.mrc"));
        assertEquals("noext", OutputLayout.baseName("/x/noext"));
    }

    @Test
    void failFastTaskFailureBecomesExitCode4NamingTheMicrograph() {
        MicrographFailedException cause = new MicrographFailedException("/m/a.mrc", "/m/a.mrc: file not found", null);
        RuntimeException local = SparkStages.failFastOrRethrow(new Exception("Job aborted", cause));
        RunFailedException r = assertInstanceOf(RunFailedException.class, local);
        assertEquals(RunFailedException.Reason.TOO_MANY_FAILED, r.reason());
        assertEquals(ExitCodes.TOO_MANY_FAILED, ExitCodes.of(r));
        assertTrue(r.getMessage().startsWith("/m/a.mrc: failed (--fail-fast)"), r.getMessage());
        // On a cluster the task's exception may arrive only as text in the SparkException message.
        RuntimeException remote = SparkStages.failFastOrRethrow(new Exception("Job aborted due to stage failure: Task 0 failed: "
                + MicrographFailedException.class.getName() + ": /m/b.mrc: failed (--fail-fast): constant\n\tat x.y(Z.java:1)"));
        assertEquals("/m/b.mrc: failed (--fail-fast): constant", remote.getMessage());
        IllegalStateException other = new IllegalStateException("executor lost");
        assertSame(other, SparkStages.failFastOrRethrow(other));
    }

    @Test
    void hadoopConfTravelsWithEverySetting() throws IOException, ClassNotFoundException {
        Configuration c = new Configuration(false);
        c.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
        c.set("dfs.replication", "1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(new HadoopConf(c));
        }
        HadoopConf back;
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (HadoopConf) i.readObject();
        }
        assertEquals("http://127.0.0.1:9000", back.get().get("fs.s3a.endpoint"));
        assertEquals("1", back.get().get("dfs.replication"));
        assertNull(back.get().get("fs.defaultFS"), "no defaults added on the executor side");
    }

    @Test
    void failedFractionRule() {
        new FailurePolicy(0.1, false).check(1, 10);
        new FailurePolicy(0.0, false).check(0, 10);
        RunFailedException e = assertThrows(RunFailedException.class, () -> new FailurePolicy(0.1, false).check(2, 10));
        assertEquals(ExitCodes.TOO_MANY_FAILED, ExitCodes.of(e));
        assertThrows(RunFailedException.class, () -> new FailurePolicy(0.0, false).check(1, 10));
    }

    @Test
    void partitionsBalanceCoresAndBoundTaskCount() {
        assertEquals(5, SparkStages.partitions(5, 2), "never more partitions than micrographs");
        assertEquals(16, SparkStages.partitions(16, 2), "a small batch: one micrograph per task");
        assertEquals(16, SparkStages.partitions(100, 2), "eight waves per core");
        assertEquals(63, SparkStages.partitions(1000, 2), "about 16 micrographs per task");
        assertEquals(6250, SparkStages.partitions(100_000, 200));
        assertEquals(8000, SparkStages.partitions(100_000, 1000), "eight waves per core beat 16 per task");
        assertEquals(20_000, SparkStages.partitions(1_000_000, 2));
    }

    @Test
    void progressLineShowsRateAndEta() {
        assertEquals("picked 0/800 micrographs (0 %)", SparkStages.line("picked", 0, 800, 3));
        assertEquals("picked 200/800 micrographs (25 %), 2.00/s, ETA 5m00s", SparkStages.line("picked", 200, 800, 100));
        assertEquals("picked 800/800 micrographs (100 %), 8.00/s, in 1m40s", SparkStages.line("picked", 800, 800, 100));
        assertEquals("2h01m", SparkStages.duration(7260));
    }

    @Test
    void gallerySampleIsSpreadEvenlyAndDeterministic() {
        List<Integer> all = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) all.add(i);
        assertEquals(List.of(0, 12, 25, 37, 50, 62, 75, 87), ReportPage.sample(all, 8));
        assertEquals(List.of(0, 1, 2), ReportPage.sample(List.of(0, 1, 2), 8));
    }
}
