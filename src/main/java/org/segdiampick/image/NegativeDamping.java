package org.segdiampick.image;

/**
 * SIMPLE's {@code div_below(0, divisor)} (algorithm §6.2, divisor 10 in the cascade): negative pixels are
 * divided by the divisor, damping the dark side (particles are bright by then) before the low-pass.
 * A divisor within 1e-10 of zero leaves the image unchanged, as in the reference.
 */
public final class NegativeDamping {

    private NegativeDamping() {
    }

    public static void apply(Image2D img, float divisor) {
        if (Math.abs(divisor) < 1e-10) return;
        float[] d = img.data;
        for (int i = 0; i < d.length; i++) if (d[i] < 0f) d[i] /= divisor;
    }
}
