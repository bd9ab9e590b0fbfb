package org.segdiampick.pick.refined;

import org.segdiampick.image.BlockAverage;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.Spectrum2D;
import org.segdiampick.pick.Contrast;

import java.util.HashMap;
import java.util.Map;

/**
 * The grids the refined picker works on: the micrograph with particles made bright, binned so that a particle of
 * the diameter being looked for spans about {@value #PIXELS_PER_DIAMETER} pixels (never finer than the raw
 * pixels). A particle needs no more to be found and centred to a fraction of its radius, and the cost of every
 * later step falls with the square of the binning factor. The binned image is cropped at its far (right and bottom)
 * edges to the largest size whose prime factors are 2, 3 and 5 (at most a few per cent: those pixels lie within
 * half a box of the edge, where no pick is kept anyway), because JTransforms falls back to a several times slower
 * algorithm for other lengths. Binned images (and their spectra and noise levels) are cached per factor, so a sweep
 * over many diameters bins each factor once, all in one pass over the micrograph ({@link #binFor}). One instance per micrograph; not thread-safe.
 */
public final class WorkingGrid {
    /** Working pixels across one particle diameter (at least; fewer only when the raw pixels are coarser). */
    public static final double PIXELS_PER_DIAMETER = 12;

    /** The micrograph as given (not copied, never modified) and whether its particles are dark. */
    private final Image2D raw;
    private final boolean negate;
    private final double smpd;
    private final Map<Integer, Image2D> binned = new HashMap<>();
    private final Map<Integer, Spectrum2D> spectra = new HashMap<>();
    private final Map<Integer, Double> noise = new HashMap<>();

    /** @param raw the micrograph as read; {@code smpd} its pixel size (Å); {@code contrast} that of its particles */
    public WorkingGrid(Image2D raw, double smpd, Contrast contrast) {
        if (!(smpd > 0)) throw new IllegalArgumentException("pixel size must be positive, got " + smpd);
        this.raw = new Image2D(raw.nx, raw.ny, smpd, smpd, raw.data);
        this.negate = contrast == Contrast.BLACK;
        this.smpd = smpd;
    }

    /** Binning factor for particles of {@code diameterA} Å at pixel size {@code smpd}. */
    public static int factor(double smpd, double diameterA) {
        return Math.max(1, (int) Math.floor(diameterA / (PIXELS_PER_DIAMETER * smpd)));
    }

    /** The bright image binned for particles of {@code diameterA} Å (cached; do not modify). */
    public Image2D forDiameter(double diameterA) {
        int b = factor(smpd, diameterA);
        if (!binned.containsKey(b)) binFor(diameterA);
        return binned.get(b);
    }

    /**
     * Bins, in one pass over the micrograph, every factor that {@code diametersA} need and that is not cached yet
     * ({@link BlockAverage#apply(Image2D, int...)}); a sweep over many sizes calls this first.
     */
    public void binFor(double... diametersA) {
        int[] todo = java.util.Arrays.stream(diametersA).mapToInt(d -> factor(smpd, d)).distinct()
                .filter(b -> !binned.containsKey(b)).toArray();
        if (todo.length == 0) return;
        Image2D[] imgs = BlockAverage.apply(raw, todo);
        for (int j = 0; j < todo.length; j++) {
            Image2D img = cropToFftSize(imgs[j]);
            // binning is a mean, so negating after it is the same as before, on far fewer pixels
            if (negate) for (int i = 0; i < img.data.length; i++) img.data[i] = -img.data[i];
            binned.put(todo[j], img);
        }
    }

    /** The pixel-noise sd of {@link #forDiameter} ({@link NoiseLevel}; cached per binning factor). */
    public double noiseSdForDiameter(double diameterA) {
        return noise.computeIfAbsent(factor(smpd, diameterA), b -> {
            Image2D w = forDiameter(diameterA);
            return NoiseLevel.sd(w.data, w.nx, w.ny);
        });
    }

    /** The Fourier transform of {@link #forDiameter} (cached: one forward FFT per binning factor). */
    public Spectrum2D spectrumForDiameter(double diameterA) {
        return spectra.computeIfAbsent(factor(smpd, diameterA), b -> Spectrum2D.of(forDiameter(diameterA)));
    }

    /** The image cropped at its far edges to {@link #fftFriendly} sizes (the same image if already so). */
    static Image2D cropToFftSize(Image2D img) {
        int nx = fftFriendly(img.nx), ny = fftFriendly(img.ny);
        if (nx == img.nx && ny == img.ny) return img;
        float[] d = new float[nx * ny];
        for (int y = 0; y < ny; y++) System.arraycopy(img.data, y * img.nx, d, y * nx, nx);
        return new Image2D(nx, ny, img.smpdX, img.smpdY, d);
    }

    /** The largest n' ≤ n whose only prime factors are 2, 3 and 5. */
    static int fftFriendly(int n) {
        for (int m = n; m > 1; m--) {
            int r = m;
            for (int p : new int[]{2, 3, 5}) while (r % p == 0) r /= p;
            if (r == 1) return m;
        }
        return 1;
    }

    public double smpd() {
        return smpd;
    }

    public int rawNx() {
        return raw.nx;
    }

    public int rawNy() {
        return raw.ny;
    }

    /** Raw-pixel coordinate of the centre of working pixel {@code i} at binning {@code factor}. */
    public static int toRaw(int i, int factor) {
        return toRaw((double) i, factor);
    }

    /** Nearest raw pixel to the (sub-pixel) working-grid position {@code u} at binning {@code factor}. */
    public static int toRaw(double u, int factor) {
        return (int) Math.round((u + 0.5) * factor - 0.5);
    }
}
