package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.binary.BinaryImage;
import org.segdiampick.estimate.Decision;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.BoxFile;
import org.segdiampick.io.CoordinateStar;
import org.segdiampick.io.MrcReader;
import org.segdiampick.io.Storage;
import org.segdiampick.pick.Pick;
import org.segdiampick.pick.RePicker;
import org.segdiampick.pick.ShrinkGeometry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Policy stage 6 for one micrograph, as an executor runs it: keep the particles whose corrected diameter lies in
 * the accepted bounds, write the box file and the RELION coordinate file.
 *
 * <p>A micrograph picked in this run brings its particles (diameter and centre, measured in pass 1) in its
 * {@link Pass1Outcome}, so nothing is read: the gate is applied to them. Only a micrograph imported from
 * {@code preprocess} has its binary image labelled again (the policy's path; decisions B-14 make both give the
 * same particles) and its thumbnail rendered from the density image on storage; a picked one got its thumbnail
 * in pass 1. A micrograph without a binary image (constant, > 98 % carbon, failed) gets no box file and
 * {@code nptcls = 0} (B-10). A micrograph whose re-pick keeps nothing loses any box file an earlier run left
 * (B-27), so the output folder always describes the latest run.
 */
public final class RepickStage implements Serializable {

    private final Decision decision;
    private final OutputLayout layout;

    public RepickStage(Decision decision, OutputLayout layout) {
        this.decision = decision;
        this.layout = layout;
    }

    /** Stage 6's outcome and the particles it kept (empty when it failed). */
    public record Result(Pass2Outcome outcome, List<Pick> kept) implements Serializable {
    }

    public Pass2Outcome process(MicTask task, Pass1Outcome p1, Configuration conf) {
        return processKeeping(task, p1, conf).outcome();
    }

    public Result processKeeping(MicTask task, Pass1Outcome p1, Configuration conf) {
        String boxPath = layout.box(task.name()), coordPath = layout.coords(task.intg());
        try {
            List<Pick> picks = p1.imported() ? repickImported(task, p1, conf)
                    : p1.particles().within(decision.diamMin(), decision.diamMax());
            String box = null, coords = null, thumb = p1.thumb();
            if (!picks.isEmpty()) {
                StorageFailure.writing(boxPath, () -> {
                    try (OutputStream os = Storage.create(boxPath, conf)) {
                        BoxFile.write(picks.stream().map(p -> new BoxFile.BoxEntry(p.x(), p.y(), p.diameter())).toList(),
                                decision.boxInPix(), os);
                    }
                    return null;
                });
                StorageFailure.writing(coordPath, () -> {
                    try (OutputStream os = Storage.create(coordPath, conf)) {
                        CoordinateStar.write(picks.stream().map(p -> new double[]{p.x(), p.y()}).toList(), os);
                    }
                    return null;
                });
                box = boxPath;
                coords = coordPath;
            } else {
                // a previous run's files, if any (delete ignores absent ones)
                StorageFailure.deleting(boxPath, conf);
                StorageFailure.deleting(coordPath, conf);
            }
            thumb = thumbnail(task, p1, layout, conf);
            return new Result(new Pass2Outcome(task.index(), task.name(), picks.size(), box, coords, thumb, null), List.copyOf(picks));
        } catch (StorageFailure e) {
            throw e; // the environment's problem (StorageFailure): the task fails, the micrograph is not marked
        } catch (RuntimeException | IOException e) {
            return new Result(new Pass2Outcome(task.index(), task.name(), 0, null, null, null, PickStage.describe(e)), List.of());
        }
    }

    /**
     * The thumbnail of a micrograph imported from {@code preprocess}, rendered from its density image on storage;
     * for any other micrograph the one pass 1 wrote. Reading the density is the micrograph's input (a failure is its
     * re-pick's); writing the thumbnail is ours (a {@link StorageFailure}).
     */
    static String thumbnail(MicTask task, Pass1Outcome p1, OutputLayout layout, Configuration conf) throws IOException {
        if (!(p1.imported() && p1.den() != null && Storage.exists(p1.den(), conf))) return p1.thumb();
        Image2D den = MrcReader.read(p1.den(), conf, MrcReader.Options.IMAGE).image();
        String path = layout.thumb(task.name());
        return StorageFailure.writing(path, () -> PickStage.writeThumbnail(den, path, conf));
    }

    /** The policy's stage 6 for a pre-picked micrograph: label its binary image again and gate the components. */
    private List<Pick> repickImported(MicTask task, Pass1Outcome p1, Configuration conf) throws IOException {
        if (p1.bin() == null) return List.of();
        ShrinkGeometry geo = ShrinkGeometry.of(p1.rawNx(), p1.rawNy(), task.smpd());
        BinaryImage bin = BinaryImage.fromImage(MrcReader.read(p1.bin(), conf, MrcReader.Options.IMAGE).image());
        return RePicker.repick(bin, geo, decision.diamMin(), decision.diamMax());
    }
}
