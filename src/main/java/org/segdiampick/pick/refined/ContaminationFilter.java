package org.segdiampick.pick.refined;

import org.segdiampick.image.Image2D;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rejects peaks on very dark contamination (crystalline ice, ethane drops, aggregates): their mean darkness over
 * the particle disc is an outlier among the micrograph's peaks, more than {@value #MAD_LIMIT} robust standard
 * deviations above the median peak (particles are alike; contamination is many times darker than a protein).
 * Darkness is measured on the bright working image (particles positive) standardised by {@link RobustZ}. Needs at
 * least {@value #MIN_PEAKS} peaks to know what a particle looks like; fewer are kept as they are.
 */
public final class ContaminationFilter {
    static final double MAD_LIMIT = 6;
    static final int MIN_PEAKS = 8;

    private ContaminationFilter() {
    }

    /** The peaks of {@code peaks} (on {@code working}'s grid) that are not on contamination, in their order. */
    public static List<Peak> reject(List<Peak> peaks, Image2D working, double diameterPx) {
        if (peaks.size() < MIN_PEAKS) return peaks;
        float[] z = working.data.clone();
        RobustZ.applyInPlace(z);
        double[] m = new double[peaks.size()];
        int r = Math.max(1, (int) Math.round(diameterPx / 2));
        for (int i = 0; i < m.length; i++) m[i] = discMean(z, working.nx, working.ny, peaks.get(i).x(), peaks.get(i).y(), r);
        double[] s = m.clone();
        Arrays.sort(s);
        double med = s[s.length / 2];
        for (int i = 0; i < s.length; i++) s[i] = Math.abs(m[i] - med);
        Arrays.sort(s);
        double limit = med + MAD_LIMIT * RobustZ.MAD_TO_SD * Math.max(s[s.length / 2], 1e-6);
        List<Peak> out = new ArrayList<>();
        for (int i = 0; i < m.length; i++) if (m[i] <= limit) out.add(peaks.get(i));
        return out;
    }

    static double discMean(float[] z, int nx, int ny, int cx, int cy, int r) {
        double sum = 0;
        int n = 0;
        for (int y = Math.max(0, cy - r); y <= Math.min(ny - 1, cy + r); y++)
            for (int x = Math.max(0, cx - r); x <= Math.min(nx - 1, cx + r); x++) {
                int dx = x - cx, dy = y - cy;
                if (dx * dx + dy * dy > r * r) continue;
                sum += z[y * nx + x];
                n++;
            }
        return n == 0 ? 0 : sum / n;
    }
}
