package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.Decision;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.Thumbnail;
import org.segdiampick.io.JpegWriter;
import org.segdiampick.io.BoxFile;
import org.segdiampick.io.CoordinateStar;
import org.segdiampick.io.MicrographAdmission;
import org.segdiampick.io.MrcReader;
import org.segdiampick.io.Storage;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.ShrinkGeometry;
import org.segdiampick.pick.refined.RefinedDecision;
import org.segdiampick.pick.refined.RefinedPick;
import org.segdiampick.pick.refined.RefinedPicker;
import org.segdiampick.pick.refined.ScoreHistogram;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 6 with {@code run --picker refined}, for one micrograph, as an executor runs it (no Spark in here): read the
 * raw micrograph, pick it with {@link RefinedPicker#pick} at the broadcast {@link RefinedDecision}, write the box
 * file (the policy's box size, the learned particle diameter per line) and the coordinate file with
 * {@code _rlnAutopickFigureOfMerit}.
 *
 * <p>After pass 1 ({@code p1} given) a micrograph that pass 1 failed, or found to be more than 98 % carbon, is not
 * picked (the caller filters failures; carbon gets no picks as with the segmentation picker); a micrograph without
 * segmentation particles is picked all the same, since the refined picker does not depend on them. In campaign
 * mode ({@code p1} null, {@code run --picker refined --decision}) there is no pass 1: this is the only read of the
 * micrograph, so the cheap admission checks run here and a problem is a pick-stage failure ({@link #process}
 * returns a failed {@link Pass1Outcome}), and the micrograph's thumbnail is rendered here from the raw image in memory
 * ({@link Thumbnail#renderMicrograph}; after pass 1 the density thumbnail of pass 1 is kept). With no pass 1 to
 * checkpoint, campaign mode checkpoints each micrograph's result here ({@link #resumingFrom}).
 */
public final class RefinedStage implements Serializable {

    private final Decision decision;
    private final RefinedDecision refined;
    private final OutputLayout layout;
    private final Contrast contrast;
    private final boolean failFast;
    /** Campaign mode's checkpoints, or null. */
    private final Checkpoints checkpoints;

    public RefinedStage(Decision decision, RefinedDecision refined, OutputLayout layout, Contrast contrast, boolean failFast) {
        this(decision, refined, layout, contrast, failFast, null);
    }

    private RefinedStage(Decision decision, RefinedDecision refined, OutputLayout layout, Contrast contrast, boolean failFast,
                         Checkpoints checkpoints) {
        this.decision = decision;
        this.refined = refined;
        this.layout = layout;
        this.contrast = contrast;
        this.failFast = failFast;
        this.checkpoints = checkpoints;
    }

    /** The diameter written per line of the box files and picks.parquet: the learned particle diameter, Å. */
    public double particleDiameter() {
        return refined.particleDiameter();
    }

    /**
     * One micrograph's outcome.
     *
     * @param pick   in campaign mode the stage-1 outcome made here (status, size, time), else null
     * @param repick stage 6's outcome; null when {@code pick} failed
     * @param kept   the picks written (empty when none or failed)
     * @param merits their figures of merit, binned (summed over the batch for the report)
     */
    public record Result(Pass1Outcome pick, Pass2Outcome repick, List<RefinedPick> kept, ScoreHistogram merits,
                         boolean resumed) implements Serializable {
        public Result(Pass1Outcome pick, Pass2Outcome repick, List<RefinedPick> kept, ScoreHistogram merits) {
            this(pick, repick, kept, merits, false);
        }

        /** The outcomes only, what the driver collects (picks and merits stay on the executors). */
        Result outcomes() {
            return new Result(pick, repick, List.of(), null, resumed);
        }
    }

    /**
     * The same stage resuming from and recording to {@code c} ({@link Checkpoints#ofCampaign}); only campaign mode
     * uses it, since after pass 1 the checkpoints are pass 1's.
     */
    public RefinedStage resumingFrom(Checkpoints c) {
        return new RefinedStage(decision, refined, layout, contrast, failFast, c);
    }

    /**
     * @param p1 pass 1's outcome (not failed), or null in campaign mode, where a micrograph with a valid checkpoint is
     *           taken from it and any other one is checkpointed as soon as it is done
     */
    public Result process(MicTask task, Pass1Outcome p1, Configuration conf, String executorId) {
        if (p1 != null || checkpoints == null) return pick(task, p1, conf, executorId);
        java.util.Optional<Result> earlier = checkpoints.resumeRefined(task, conf);
        if (earlier.isPresent()) return earlier.get();
        Result r = pick(task, null, conf, executorId);
        checkpoints.recordRefined(task, r, conf);
        return r;
    }

    private Result pick(MicTask task, Pass1Outcome p1, Configuration conf, String executorId) {
        long t0 = System.nanoTime();
        boolean campaign = p1 == null;
        RefinedPicker picker = new RefinedPicker(contrast);
        Image2D raw = null;
        List<RefinedPick> picks;
        try {
            if (p1 != null && p1.status() == Pass1Outcome.Status.CARBON) picks = List.of();
            else {
                raw = read(task, conf);
                picks = picker.pick(raw, task.smpd(), refined, OutputLayout.baseName(task.intg()));
                if (campaign) p1 = campaignOutcome(task, raw, picks.isEmpty(), executorId, t0);
            }
        } catch (RuntimeException | IOException e) {
            if (!campaign) return new Result(null, failedRepick(task, e), List.of(), new ScoreHistogram());
            if (failFast) throw new MicrographFailedException(task.intg(), PickStage.describe(e), e);
            return new Result(Pass1Outcome.failed(task, PickStage.describe(e), executorId, (System.nanoTime() - t0) / 1_000_000),
                    null, List.of(), new ScoreHistogram());
        }
        try {
            Pass2Outcome out = write(task, p1, picks, campaign ? raw : null, conf);
            ScoreHistogram merits = new ScoreHistogram();
            for (RefinedPick p : picks) merits.add(p.figureOfMerit());
            return new Result(campaign ? p1 : null, out, List.copyOf(picks), merits);
        } catch (StorageFailure e) {
            throw e;   // the storage's problem, not the micrograph's: the task fails and is retried
        } catch (RuntimeException | IOException e) {
            return new Result(campaign ? p1 : null, failedRepick(task, e), List.of(), new ScoreHistogram());
        }
    }

    /** @param raw the micrograph in campaign mode (its thumbnail is rendered here), else null */
    private Pass2Outcome write(MicTask task, Pass1Outcome p1, List<RefinedPick> picks, Image2D raw, Configuration conf)
            throws IOException {
        String boxPath = layout.box(task.name()), coordPath = layout.coords(task.intg());
        String box = null, coords = null, thumb = p1.thumb();
        if (!picks.isEmpty()) {
            List<BoxFile.BoxEntry> entries = new ArrayList<>(picks.size());
            List<double[]> rows = new ArrayList<>(picks.size());
            for (RefinedPick p : picks) {
                entries.add(new BoxFile.BoxEntry(p.x(), p.y(), refined.particleDiameter()));
                rows.add(new double[]{p.x(), p.y(), p.figureOfMerit()});
            }
            StorageFailure.writing(boxPath, () -> {
                try (OutputStream os = Storage.create(boxPath, conf)) {
                    BoxFile.write(entries, decision.boxInPix(), os);
                }
                return null;
            });
            StorageFailure.writing(coordPath, () -> {
                try (OutputStream os = Storage.create(coordPath, conf)) {
                    CoordinateStar.writeWithMerit(rows, os);
                }
                return null;
            });
            box = boxPath;
            coords = coordPath;
        } else {
            StorageFailure.deleting(boxPath, conf); // a previous run's files, if any
            StorageFailure.deleting(coordPath, conf);
        }
        thumb = raw != null ? writeThumbnail(task, raw, conf) : RepickStage.thumbnail(task, p1, layout, conf);
        return new Pass2Outcome(task.index(), task.name(), picks.size(), box, coords, thumb, null);
    }

    /**
     * Campaign mode's 512² thumbnail, from the raw micrograph in memory, at the placement of pass 1's density
     * thumbnails, so the report's gallery draws the refined picks on it as on those.
     */
    private String writeThumbnail(MicTask task, Image2D raw, Configuration conf) {
        String path = layout.thumb(task.name());
        ShrinkGeometry geo = ShrinkGeometry.of(raw.nx, raw.ny, task.smpd());
        Thumbnail.Placement place = Thumbnail.placement(geo.nx(), geo.ny());
        byte[] px = Thumbnail.renderMicrograph(raw, contrast == Contrast.BLACK, place);
        return StorageFailure.writing(path, () -> {
            try (OutputStream os = Storage.create(path, conf)) {
                JpegWriter.writeGrey(px, Thumbnail.SIZE, Thumbnail.SIZE, PickStage.JPEG_QUALITY, os);
            }
            return path;
        });
    }

    /** The raw micrograph, with stage 1's cheap checks (pixel size, header) first. */
    private static Image2D read(MicTask task, Configuration conf) throws IOException {
        Image2D raw = PickStage.readMicrograph(task, conf);
        if (raw.isConstant()) throw new IllegalArgumentException(task.intg() + ": micrograph is constant (empty image)");
        return raw;
    }

    private static Pass1Outcome campaignOutcome(MicTask task, Image2D raw, boolean none, String executorId, long t0) {
        return new Pass1Outcome(task.index(), task.name(), none ? Pass1Outcome.Status.NO_PARTICLES : Pass1Outcome.Status.PICKED,
                null, Particles.NONE, raw.nx, raw.ny, null, null, null, null, null, 0, executorId, (System.nanoTime() - t0) / 1_000_000);
    }

    private static Pass2Outcome failedRepick(MicTask task, Throwable e) {
        return new Pass2Outcome(task.index(), task.name(), 0, null, null, null, PickStage.describe(e));
    }
}
