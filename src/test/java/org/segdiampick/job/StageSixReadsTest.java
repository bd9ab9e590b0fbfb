package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.binary.BinaryImage;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.image.Thumbnail;
import org.segdiampick.io.BoxFile;
import org.segdiampick.io.JpegWriter;
import org.segdiampick.io.MrcReader;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.Pick;
import org.segdiampick.pick.RePicker;
import org.segdiampick.pick.ShrinkGeometry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage 6 works from what pass 1 measured: it opens no binary image for a micrograph picked in the same run,
 * and gives exactly the box files and thumbnails that the policy's path (label the saved binary image again,
 * render the saved density image) gives; that path still serves micrographs imported from {@code preprocess}.
 * Runs the two stages directly (no Spark) on one real apoferritin micrograph.
 */
class StageSixReadsTest {
    @TempDir
    Path tmp;

    @Test
    void pickedMicrographsAreRepickedWithoutReadingImagesAndAsThePolicysPathWould() throws IOException {
        Configuration conf = InstrumentedLocalFileSystem.install(new Configuration());
        Path mic = JobFixtures.apoferritin().get(0);
        OutputLayout layout = new OutputLayout(tmp.resolve("out").toString());
        MicTask task = new MicTask(0, mic.toString(), 1.5, "m", null, null, null, null);
        Pass1Outcome p1 = new PickStage(new PickSettings(Contrast.BLACK, 500, layout,
                PickSettings.Pass1Writes.THUMBNAIL_AND_INTERMEDIATES, true)).process(task, conf, "test");
        assertEquals(Pass1Outcome.Status.PICKED, p1.status(), String.valueOf(p1.error()));
        assertNotNull(p1.bin());
        assertEquals(layout.thumb("m"), p1.thumb(), "the thumbnail is rendered in pass 1");
        Decision d = Estimate.run(p1.diameters(), 1.5, Clustering.HAC).decision();

        InstrumentedLocalFileSystem.reset();
        Pass2Outcome p2 = new RepickStage(d, layout).process(task, p1, conf);
        assertNull(p2.error());
        assertTrue(p2.nptcls() > 10, "apoferritin holds dozens of particles: " + p2);
        assertEquals(List.of(), InstrumentedLocalFileSystem.OPENED, "stage 6 read files of a micrograph picked in this run");

        // The policy's path on the images pass 1 kept: the same box file and thumbnail, byte for byte.
        ShrinkGeometry geo = ShrinkGeometry.of(p1.rawNx(), p1.rawNy(), 1.5);
        List<Pick> policy = RePicker.repick(BinaryImage.fromImage(MrcReader.read(p1.bin(), conf, MrcReader.Options.IMAGE).image()), geo, d.diamMin(), d.diamMax());
        ByteArrayOutputStream box = new ByteArrayOutputStream();
        BoxFile.write(policy.stream().map(p -> new BoxFile.BoxEntry(p.x(), p.y(), p.diameter())).toList(), d.boxInPix(), box);
        assertArrayEquals(box.toByteArray(), Files.readAllBytes(Path.of(p2.boxfile())));
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        JpegWriter.writeGrey(Thumbnail.render(MrcReader.read(p1.den(), conf, MrcReader.Options.IMAGE).image()), Thumbnail.SIZE, Thumbnail.SIZE, PickStage.JPEG_QUALITY, jpg);
        assertArrayEquals(jpg.toByteArray(), Files.readAllBytes(Path.of(p2.thumb())));

        // A micrograph imported from preprocess: its binary image is labelled again (once), with the same result.
        MicTask imported = new MicTask(0, mic.toString(), 1.5, "m", p1.den(), p1.topo(), p1.bin(), null);
        OutputLayout layout2 = new OutputLayout(tmp.resolve("out2").toString());
        Pass1Outcome i1 = new PickStage(new PickSettings(Contrast.BLACK, 500, layout2, PickSettings.Pass1Writes.THUMBNAIL, true))
                .process(imported, conf, "test");
        assertTrue(i1.imported());
        InstrumentedLocalFileSystem.reset();
        Pass2Outcome i2 = new RepickStage(d, layout2).process(imported, i1, conf);
        assertEquals(1, InstrumentedLocalFileSystem.opened("_bin.mrc"));
        assertEquals(p2.nptcls(), i2.nptcls());
        assertArrayEquals(Files.readAllBytes(Path.of(p2.boxfile())), Files.readAllBytes(Path.of(i2.boxfile())));
        assertArrayEquals(Files.readAllBytes(Path.of(p2.thumb())), Files.readAllBytes(Path.of(i2.thumb())));
    }

    @Test
    void withoutKeepIntermediatesPassOneWritesOnlyTheThumbnail() throws IOException {
        Configuration conf = new Configuration();
        Path mic = JobFixtures.apoferritin().get(1);
        OutputLayout layout = new OutputLayout(tmp.resolve("out").toString());
        MicTask task = new MicTask(0, mic.toString(), 1.5, "m", null, null, null, null);
        Pass1Outcome p1 = new PickStage(new PickSettings(Contrast.BLACK, 500, layout, PickSettings.Pass1Writes.THUMBNAIL, true))
                .process(task, conf, "test");
        assertNull(p1.den());
        assertNull(p1.bin());
        assertFalse(Files.exists(tmp.resolve("out/work")));
        assertTrue(Files.exists(Path.of(p1.thumb())));
        assertEquals(p1.count(), p1.particles().x().length);
    }
}
