package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.Thumbnail;
import org.segdiampick.io.DiameterFile;
import org.segdiampick.io.MicrographAdmission;
import org.segdiampick.io.JpegWriter;
import org.segdiampick.io.MrcHeader;
import org.segdiampick.io.MrcReader;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.io.Storage;
import org.segdiampick.pick.PickResult;
import org.segdiampick.pick.SegmentationPicker;
import org.segdiampick.pick.refined.WorkingGrid;
import org.segdiampick.pick.refined.SizeEvidence;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Policy stage 1 for one micrograph, as an executor runs it (no Spark in here, so it is tested directly):
 * import the diameters of a pre-picked micrograph, or pick it from the raw image and write its density,
 * topology and binary images.
 *
 * <p>Fault isolation: any problem with one micrograph becomes a {@link Pass1Outcome.Status#FAILED} outcome
 * with a message naming the file; the cheap checks (existence, header, pixel size) run before the expensive
 * pass. With {@code failFast} the problem is rethrown instead. A failure to write one of the outputs is not the
 * micrograph's problem: it is thrown as a {@link StorageFailure}, which fails the task (and, after Spark's
 * retries, the run) instead of marking the micrograph.
 */
public final class PickStage {

    public static final float JPEG_QUALITY = 0.92f;

    private final PickSettings settings;
    private final SegmentationPicker picker;
    /** With {@code run --picker refined}: also the refined picker's size evidence, from the image in memory. */
    private final boolean withEvidence;

    public PickStage(PickSettings settings) {
        this(settings, false);
    }

    /** @param withEvidence also compute {@link org.segdiampick.pick.refined.RefinedPicker#evidence} of every picked micrograph */
    public PickStage(PickSettings settings, boolean withEvidence) {
        this.settings = settings;
        this.picker = new SegmentationPicker(settings.contrast(), settings.moldiamMax());
        this.withEvidence = withEvidence;
    }

    /** Stage 1's outcome and the refined picker's size evidence (null when not asked for, or not picked here). */
    public record WithEvidence(Pass1Outcome outcome, SizeEvidence evidence) {
    }

    public Pass1Outcome process(MicTask task, Configuration conf, String executorId) {
        return processWithEvidence(task, conf, executorId).outcome();
    }

    public WithEvidence processWithEvidence(MicTask task, Configuration conf, String executorId) {
        long t0 = System.nanoTime();
        try {
            return task.prePicked() && settings.writes() != PickSettings.Pass1Writes.PREPROCESS
                    ? new WithEvidence(importPrePicked(task, conf, executorId, t0), null) : pick(task, conf, executorId, t0);
        } catch (StorageFailure e) {
            throw e; // the environment's problem: the task fails and Spark retries it; never the micrograph's state
        } catch (RuntimeException | IOException e) {
            if (settings.failFast()) throw new MicrographFailedException(task.intg(), describe(e), e);
            return new WithEvidence(Pass1Outcome.failed(task, describe(e), executorId, millis(t0)), null);
        }
    }

    private WithEvidence pick(MicTask task, Configuration conf, String executorId, long t0) throws IOException {
        Image2D raw = readMicrograph(task, conf);
        PickResult r;
        try {
            // the picker checks for NaN/Inf and constant images itself: one pass over the pixels, not two
            r = picker.pick(raw, task.smpd(), OutputLayout.baseName(task.intg()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(task.intg() + ": " + e.getMessage(), e);
        }
        if (r.outcome() == PickResult.Outcome.CONSTANT)
            throw new IllegalArgumentException(task.intg() + ": micrograph is constant (empty image)");
        // the refined picker's evidence from the same image: the micrograph is read once in pass 1
        // (the picker has just found its pixels finite and not constant: RefinedPicker.evidence's checks are done)
        SizeEvidence evidence = withEvidence ? SizeEvidence.of(new WorkingGrid(raw, task.smpd(), settings.contrast())) : null;
        Particles particles = Particles.of(r.picks());
        PickSettings.Pass1Writes writes = settings.writes();
        String den = null, topo = null, bin = null, diam = null, thumb = null;
        if (r.hasImages() && writes.images()) {
            OutputLayout out = settings.layout();
            boolean pre = writes == PickSettings.Pass1Writes.PREPROCESS;
            den = pre ? out.preDen(task.name()) : out.den(task.name());
            topo = pre ? out.preTopo(task.name()) : out.topo(task.name());
            bin = pre ? out.preBin(task.name()) : out.bin(task.name());
            String denPath = den, topoPath = topo, binPath = bin;
            StorageFailure.writing(denPath, () -> {
                MrcWriter.write(r.density(), denPath, conf);
                return null;
            });
            StorageFailure.writing(topoPath, () -> {
                MrcWriter.write(r.topology(), topoPath, conf);
                return null;
            });
            // 0/1 values: mode 0 holds them exactly in a quarter of the bytes
            StorageFailure.writing(binPath, () -> {
                MrcWriter.write(r.binary().toImage(r.geometry().smpdX(), r.geometry().smpdY()), binPath, conf, MrcHeader.Mode.INT8);
                return null;
            });
        }
        if (r.hasImages() && writes.thumbnail()) {
            String path = settings.layout().thumb(task.name());
            thumb = StorageFailure.writing(path, () -> writeThumbnail(r.density(), path, conf));
        }
        if (writes == PickSettings.Pass1Writes.PREPROCESS && particles.size() > 0) {
            String path = settings.layout().preDiam(task.name());
            diam = StorageFailure.writing(path, () -> {
                try (OutputStream os = Storage.create(path, conf)) {
                    DiameterFile.write(particles.diameters(), os);
                }
                return path;
            });
        }
        Pass1Outcome.Status status = switch (r.outcome()) {
            case PICKED -> Pass1Outcome.Status.PICKED;
            case NO_PARTICLES -> Pass1Outcome.Status.NO_PARTICLES;
            case CARBON -> Pass1Outcome.Status.CARBON;
            case CONSTANT -> throw new IllegalStateException("unreachable: constant images failed above");
        };
        return new WithEvidence(new Pass1Outcome(task.index(), task.name(), status, null, particles, raw.nx, raw.ny,
                den, topo, bin, diam, thumb, r.carbonFraction(), executorId, millis(t0)), evidence);
    }

    /** The raw micrograph of {@code task}, after the cheap checks (project pixel size, then its header). */
    static Image2D readMicrograph(MicTask task, Configuration conf) throws IOException {
        MicrographAdmission.checkProjectPixelSize(task.intg(), task.smpd());
        return MrcReader.read(task.intg(), conf, MrcReader.Options.pixelSize(task.smpd())
                .checkingHeader(h -> MicrographAdmission.checkHeader(task.intg(), task.smpd(), h))).image();
    }

    /** The 512 × 512 density thumbnail (§9.3), from the density image in memory or read back. */
    static String writeThumbnail(Image2D density, String path, Configuration conf) throws IOException {
        byte[] px = Thumbnail.render(density);
        try (OutputStream os = Storage.create(path, conf)) {
            JpegWriter.writeGrey(px, Thumbnail.SIZE, Thumbnail.SIZE, JPEG_QUALITY, os);
        }
        return path;
    }

    private Pass1Outcome importPrePicked(MicTask task, Configuration conf, String executorId, long t0) throws IOException {
        MrcHeader header = checkMicrograph(task, conf);
        double[] d = new double[0];
        if (task.cachedDiam() != null && Storage.exists(task.cachedDiam(), conf)) {
            try (Reader r = new InputStreamReader(Storage.open(task.cachedDiam(), conf), StandardCharsets.UTF_8)) {
                d = DiameterFile.read(r, task.cachedDiam());
            }
        }
        String bin = Storage.exists(task.cachedBin(), conf) ? task.cachedBin() : null;
        String den = Storage.exists(task.cachedDen(), conf) ? task.cachedDen() : null;
        return new Pass1Outcome(task.index(), task.name(), Pass1Outcome.Status.IMPORTED, null, Particles.diametersOnly(d),
                header.nx(), header.ny(), den, task.cachedTopo(), bin, task.cachedDiam(), null, 0, executorId, millis(t0));
    }

    /** The cheap checks of a micrograph imported from {@code preprocess}: its file exists and its header fits. */
    static MrcHeader checkMicrograph(MicTask task, Configuration conf) throws IOException {
        MicrographAdmission.checkProjectPixelSize(task.intg(), task.smpd());
        if (!Storage.exists(task.intg(), conf)) throw new IOException(task.intg() + ": file not found");
        return MrcReader.read(task.intg(), conf, MrcReader.Options.HEADER
                .checkingHeader(h -> MicrographAdmission.checkHeader(task.intg(), task.smpd(), h))).header();
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        if ((e instanceof java.nio.file.AccessDeniedException || e instanceof org.apache.hadoop.security.AccessControlException)
                && (m == null || !m.toLowerCase(java.util.Locale.ROOT).contains("permission denied")))
            return "permission denied: " + m;
        if (e instanceof OutOfMemoryError) return "out of memory";
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
