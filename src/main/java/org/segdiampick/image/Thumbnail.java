package org.segdiampick.image;

/**
 * The 512 × 512 greyscale thumbnail of the density image (algorithm §9.3, decisions.md B-30, B-31).
 *
 * <p>s = 512/max(n1, n2) (float); t_d = round2even(n_d·s) (at least 2); Fourier resample to t1 × t2 (a crop, or
 * a zero-pad up-sampling when the image is smaller than 512 px, so the thumbnail is never blank); negated so
 * particles are black; {@code norm4viz} once (mean 0, sample sd 1 when the variance is positive;
 * v = 128 + 10.5·v; clamp to [0, 255]); pasted at offset ((512 − t1)/2, (512 − t2)/2) on a canvas of 128;
 * min–max stretch to bytes, byte = int(255·((v − lo)/(hi − lo))) (the quotient first, truncation). A constant
 * canvas, or a constant density image (max − min < 1e-10), gives a flat 128 (no division by zero). Row 0 of the result is image row y = 0 (no flip, §9.3 step 7);
 * JPEG encoding is left to the caller.
 */
public final class Thumbnail {

    public static final int SIZE = 512;
    private static final float BACKGROUND = 128f;

    private Thumbnail() {
    }

    /**
     * Where an image of nx × ny pixels lands on the canvas: resampled to width × height, pasted at
     * (offsetX, offsetY). Image pixel x maps to canvas x {@code offsetX + x·width/nx} (the report draws boxes so).
     */
    public record Placement(int width, int height, int offsetX, int offsetY) {
    }

    public static Placement placement(int nx, int ny) {
        float s = (float) SIZE / Math.max(nx, ny);
        int tx = Math.min(SIZE, Math.max(2, Rounding.round2even(nx * s)));
        int ty = Math.min(SIZE, Math.max(2, Rounding.round2even(ny * s)));
        return new Placement(tx, ty, (SIZE - tx) / 2, (SIZE - ty) / 2);
    }

    /** 512·512 bytes, raster order (x fastest), unsigned grey values. */
    public static byte[] render(Image2D den) {
        if (den.isConstant()) {
            // B-30: flat grey; resampling would turn the constant into float noise that norm4viz would amplify
            byte[] flat = new byte[SIZE * SIZE];
            java.util.Arrays.fill(flat, (byte) 128);
            return flat;
        }
        return render(den, placement(den.nx, den.ny));
    }

    /**
     * The thumbnail of a raw micrograph, for a run that has no density image of it (the refined picker's campaign
     * mode, which skips pass 1), drawn at placement {@code p} (the density thumbnail's, so that the report maps raw
     * pixels onto both alike): the micrograph is first block-averaged by the largest integer factor that keeps it
     * at least p's size ({@link BlockAverage}: one cheap pass, so the Fourier resample that follows works on about
     * p's size instead of the full frame), its particles made bright ({@code darkParticles}: negated) as on a
     * density image, then rendered as {@link #render(Image2D)} does.
     */
    public static byte[] renderMicrograph(Image2D raw, boolean darkParticles, Placement p) {
        int factor = Math.max(1, Math.min(raw.nx / p.width(), raw.ny / p.height()));
        Image2D img = BlockAverage.apply(raw, factor);
        if (darkParticles) for (int i = 0; i < img.data.length; i++) img.data[i] = -img.data[i];
        if (img.isConstant()) return render(img);
        return render(img, p);
    }

    /** The thumbnail of {@code den} resampled to p's width × height and pasted at p's offset. */
    private static byte[] render(Image2D den, Placement p) {
        int tx = p.width(), ty = p.height();
        Image2D t = FourierResample.resample(den, tx, ty);
        float[] d = t.data;
        for (int i = 0; i < d.length; i++) d[i] = -d[i];
        norm4viz(d);
        float[] canvas = new float[SIZE * SIZE];
        java.util.Arrays.fill(canvas, BACKGROUND);
        for (int y = 0; y < ty; y++) System.arraycopy(d, y * tx, canvas, (y + p.offsetY()) * SIZE + p.offsetX(), tx);
        return stretch(canvas);
    }

    /** §9.3 step 4: normalise (§5.1 step 2), then 128 + 10.5·v clamped to [0, 255]. */
    static void norm4viz(float[] d) {
        double sum = 0;
        for (float v : d) sum += v;
        float mean = (float) (sum / d.length);
        double s1 = 0, s2 = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] -= mean;
            s1 += d[i];
            s2 += (double) d[i] * d[i];
        }
        double var = d.length > 1 ? (s2 - s1 * s1 / d.length) / (d.length - 1) : 0;
        float sd = var > 0 ? (float) Math.sqrt(var) : 1f;
        for (int i = 0; i < d.length; i++) d[i] = Math.min(255f, Math.max(0f, 128f + 10.5f * (d[i] / sd)));
    }

    static byte[] stretch(float[] canvas) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : canvas) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        byte[] out = new byte[canvas.length];
        if (!(hi > lo)) {
            java.util.Arrays.fill(out, (byte) 128);
            return out;
        }
        float range = hi - lo;
        for (int i = 0; i < canvas.length; i++) out[i] = (byte) (int) (255f * ((canvas[i] - lo) / range));
        return out;
    }
}
