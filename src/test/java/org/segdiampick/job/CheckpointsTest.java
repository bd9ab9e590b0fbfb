package org.segdiampick.job;

import org.segdiampick.testing.SmallBatch;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.pick.Contrast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A pass-1 checkpoint is reused only for the same micrograph (path, size, modification time) under the same
 * pass-1 options, while the files it names exist; it round-trips every number exactly and is written atomically
 * (no temporary file left). Failures are not checkpointed. Campaign mode's record (the whole refined result) has
 * its own key, on both decisions.
 */
class CheckpointsTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    private PickSettings settings(Path out, Contrast c, double moldiamMax) {
        return new PickSettings(c, moldiamMax, new OutputLayout(out.toString()), PickSettings.Pass1Writes.THUMBNAIL, false);
    }

    @Test
    void reusedOnlyForTheSameMicrographAndOptions() throws Exception {
        Path mic = SmallBatch.write(tmp.resolve("mics"), 1).get(0), out = tmp.resolve("out");
        Path thumb = Files.createDirectories(out.resolve("thumbs")).resolve("mic000_den.jpg");
        Files.write(thumb, new byte[]{1, 2, 3});
        MicTask t = new MicTask(0, mic.toString(), 2.0, "mic000", null, null, null, null);
        Particles parts = new Particles(new double[]{101.0 / 3, 0.1 + 0.2, 1e-300}, new int[]{1, 2, 3}, new int[]{4, 5, 6}, null);
        Pass1Outcome o = new Pass1Outcome(0, "mic000", Pass1Outcome.Status.PICKED, null, parts, 256, 256, null, null, null, null,
                thumb.toString(), 0.125, "driver", 42);
        Checkpoints cp = Checkpoints.of(settings(out, Contrast.BLACK, 500));
        cp.record(t, o, CONF);
        try (Stream<Path> s = Files.list(out.resolve(Checkpoints.FOLDER))) {
            assertEquals(1, s.count(), "one record, no temporary file left");
        }

        Pass1Outcome back = cp.resume(t, CONF).orElseThrow().outcome();
        assertArrayEquals(parts.diameters(), back.diameters(), "doubles round-trip exactly");
        assertArrayEquals(parts.x(), back.particles().x());
        assertArrayEquals(parts.y(), back.particles().y());
        assertEquals(o.thumb(), back.thumb());
        assertEquals(0.125, back.carbonFraction());
        assertEquals(Pass1Outcome.Status.PICKED, back.status());

        assertEquals(Optional.empty(), Checkpoints.of(settings(out, Contrast.WHITE, 500)).resume(t, CONF), "other contrast");
        assertEquals(Optional.empty(), Checkpoints.of(settings(out, Contrast.BLACK, 300)).resume(t, CONF), "other --moldiam-max");
        assertEquals(Optional.empty(), cp.resume(new MicTask(0, mic.toString(), 2.1, "mic000", null, null, null, null), CONF),
                "other pixel size");
        Files.setLastModifiedTime(mic, FileTime.fromMillis(Files.getLastModifiedTime(mic).toMillis() - 60_000));
        assertEquals(Optional.empty(), cp.resume(t, CONF), "the micrograph changed (modification time)");
        cp.record(t, o, CONF);
        assertTrue(cp.resume(t, CONF).isPresent());
        Files.delete(thumb);
        assertEquals(Optional.empty(), cp.resume(t, CONF), "a file it names is gone");

        MicTask bad = new MicTask(1, tmp.resolve("absent.mrc").toString(), 2.0, "absent", null, null, null, null);
        cp.record(bad, Pass1Outcome.failed(bad, "file not found", "driver", 1), CONF);
        assertFalse(Files.exists(Path.of(cp.file(bad))), "failures are not checkpointed");
    }

    @Test
    void aRefinedRunsCheckpointHoldsTheSizeEvidenceAndHasItsOwnKey() throws Exception {
        Path mic = SmallBatch.write(tmp.resolve("mics"), 1).get(0), out = tmp.resolve("out");
        MicTask t = new MicTask(0, mic.toString(), 2.0, "mic000", null, null, null, null);
        PickStage.WithEvidence x = new PickStage(settings(out, Contrast.BLACK, 500), true).processWithEvidence(t, CONF, "driver");
        assertNotNull(x.evidence());
        Checkpoints refined = Checkpoints.of(settings(out, Contrast.BLACK, 500), true);
        refined.record(t, x, CONF);
        PickStage.WithEvidence back = refined.resume(t, CONF).orElseThrow();
        assertEquals(x.evidence(), back.evidence(), "the evidence round-trips exactly");
        assertArrayEquals(x.outcome().diameters(), back.outcome().diameters());
        assertEquals(Optional.empty(), Checkpoints.of(settings(out, Contrast.BLACK, 500)).resume(t, CONF),
                "a policy run does not take a refined run's checkpoint");
        Checkpoints.of(settings(out, Contrast.BLACK, 500)).record(t, x, CONF);
        assertEquals(Optional.empty(), refined.resume(t, CONF), "nor a refined run a policy run's, which has no evidence");
        try (Stream<Path> s = Files.list(out.resolve(Checkpoints.FOLDER))) {
            assertEquals(1, s.count(), "replaced in place: no temporary file, no .prev");
        }
    }
    @Test
    void aCampaignCheckpointRoundTripsTheRefinedResultUnderTheDecisionsKey() throws Exception {
        Path mic = SmallBatch.write(tmp.resolve("mics"), 1).get(0), out = tmp.resolve("out");
        OutputLayout layout = new OutputLayout(out.toString());
        Path box = Files.createDirectories(out.resolve("boxes")).resolve("mic000.box");
        Files.write(box, new byte[]{1});
        MicTask t = new MicTask(0, mic.toString(), 2.0, "mic000", null, null, null, null);
        org.segdiampick.estimate.Decision d = new org.segdiampick.estimate.Decision(128, 150.0, 80.0, 200.0, 2.0);
        org.segdiampick.pick.refined.RefinedDecision rd = new org.segdiampick.pick.refined.RefinedDecision(120.0, 100.0, 0.5, 128);
        List<org.segdiampick.pick.refined.RefinedPick> picks = List.of(new org.segdiampick.pick.refined.RefinedPick(10, 20, 0.1 + 0.2),
                new org.segdiampick.pick.refined.RefinedPick(30, 40, 1.0 / 3));
        Pass1Outcome p = new Pass1Outcome(0, "mic000", Pass1Outcome.Status.PICKED, null, Particles.NONE, 256, 256, null, null, null,
                null, null, 0, "driver", 42);
        Pass2Outcome o = new Pass2Outcome(0, "mic000", 2, box.toString(), null, null, null);
        Checkpoints cp = Checkpoints.ofCampaign(layout, Contrast.BLACK, d, rd);
        cp.recordRefined(t, new RefinedStage.Result(p, o, picks, null), CONF);

        RefinedStage.Result back = cp.resumeRefined(t, CONF).orElseThrow();
        assertTrue(back.resumed());
        assertEquals(picks, back.kept(), "picks and merits round-trip exactly");
        assertEquals(2, back.merits().total());
        assertEquals(o, back.repick());
        assertEquals(p, back.pick());
        assertEquals(Optional.empty(), Checkpoints.ofCampaign(layout, Contrast.BLACK, d, rd.withThreshold(0.6)).resumeRefined(t, CONF),
                "another threshold");
        assertEquals(Optional.empty(), Checkpoints.ofCampaign(layout, Contrast.BLACK, new org.segdiampick.estimate.Decision(
                160, 150.0, 80.0, 200.0, 2.0), rd).resumeRefined(t, CONF), "another box size");
        assertEquals(Optional.empty(), Checkpoints.of(settings(out, Contrast.BLACK, 500), true).resume(t, CONF),
                "a refined run after pass 1 does not take a campaign checkpoint");

        cp.recordRefined(t, new RefinedStage.Result(p, new Pass2Outcome(0, "mic000", 0, null, null, null, "bad"), List.of(), null), CONF);
        assertTrue(cp.resumeRefined(t, CONF).isPresent(), "a failed re-pick is not recorded over the finished one");
        Files.delete(box);
        assertEquals(Optional.empty(), cp.resumeRefined(t, CONF), "a file it names is gone");
    }
}
