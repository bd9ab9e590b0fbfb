package org.segdiampick.pick.refined;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one micrograph — or, summed, a batch — tells about the particle size: for every diameter of a fixed
 * logarithmic grid ({@link #diameter(int)}, 50–566 Å in steps of 2^(1/6)), the sum and count of the top-k blob
 * scores (k = a quarter of the particles of that size that would tile the micrograph), the histogram of all
 * suppressed-peak scores, and how many micrographs had peaks that count ({@link BlobResponse#counts}) at that size. Everything is a sum, so
 * {@link #plus} is associative and commutative: the executor computes one per micrograph ({@link #of}), Spark
 * tree-aggregates them, and the driver learns the size ({@link ParticleSizeLearner}) and the threshold
 * ({@link ScoreThreshold}) from the total. About 100 numbers per diameter, 15 diameters.
 */
public final class SizeEvidence implements Serializable {
    public static final int SCALES = 15;
    public static final double FIRST_DIAMETER = 50, STEP = Math.pow(2, 1.0 / 4);
    /** Peaks closer than this fraction of the diameter are one particle (non-maximum suppression). */
    public static final double SUPPRESSION = 0.8;
    /** Top-k: this fraction of the number of particles of the size that would tile the micrograph. */
    static final double TOP_FRACTION = 0.25;

    private final double[] topSum;
    private final long[] topCount;
    private final long[] micrographs;
    private final ScoreHistogram[] histograms;

    private SizeEvidence(double[] topSum, long[] topCount, long[] micrographs, ScoreHistogram[] histograms) {
        this.topSum = topSum;
        this.topCount = topCount;
        this.micrographs = micrographs;
        this.histograms = histograms;
    }

    /** Evidence of nothing (the neutral element of {@link #plus}). */
    public static SizeEvidence empty() {
        ScoreHistogram[] h = new ScoreHistogram[SCALES];
        for (int j = 0; j < SCALES; j++) h[j] = new ScoreHistogram();
        return new SizeEvidence(new double[SCALES], new long[SCALES], new long[SCALES], h);
    }

    /** Diameter j of the grid, Å. */
    public static double diameter(int j) {
        return FIRST_DIAMETER * Math.pow(STEP, j);
    }

    /** The grid index nearest to {@code diameterA} in log scale (clamped to the grid). */
    public static int nearestScale(double diameterA) {
        int j = (int) Math.round(Math.log(diameterA / FIRST_DIAMETER) / Math.log(STEP));
        return Math.max(0, Math.min(SCALES - 1, j));
    }

    /** Executor side: the evidence of one micrograph. */
    public static SizeEvidence of(WorkingGrid grid) {
        SizeEvidence e = empty();
        double areaA2 = grid.rawNx() * grid.smpd() * grid.rawNy() * grid.smpd();
        double[] all = new double[SCALES];
        for (int j = 0; j < SCALES; j++) all[j] = diameter(j);
        grid.binFor(all);
        for (int j = 0; j < SCALES; j++) {
            double d = diameter(j);
            BlobResponse r = BlobResponse.of(grid, d);
            List<Peak> peaks = NonMaximumSuppression.suppress(
                    PeakDetector.localMaxima(r.z(), r.nx(), r.ny(), ScoreHistogram.MIN_SCORE), SUPPRESSION * r.diameterPx());
            peaks = peaks.stream().filter(p -> r.counts(p.score())).toList();
            if (peaks.isEmpty()) continue;
            // the top k always count k places, a place without a peak that counts scoring 0: a sparse micrograph
            // with a few strong peaks must not look like a crowd of them
            int k = (int) Math.ceil(TOP_FRACTION * areaA2 / (d * d));
            for (int i = 0; i < peaks.size(); i++) {
                double s = peaks.get(i).score();
                if (i < k) e.topSum[j] += s;
                e.histograms[j].add(s);
            }
            e.topCount[j] += k;
            e.micrographs[j]++;
        }
        return e;
    }

    public SizeEvidence plus(SizeEvidence o) {
        double[] ts = topSum.clone();
        long[] tc = topCount.clone(), m = micrographs.clone();
        ScoreHistogram[] h = new ScoreHistogram[SCALES];
        for (int j = 0; j < SCALES; j++) {
            ts[j] += o.topSum[j];
            tc[j] += o.topCount[j];
            m[j] += o.micrographs[j];
            h[j] = histograms[j].plus(o.histograms[j]);
        }
        return new SizeEvidence(ts, tc, m, h);
    }

    /** Mean top-k score at diameter j over the micrographs with signal there; 0 when none. */
    public double meanTopScore(int j) {
        return topCount[j] == 0 ? 0 : topSum[j] / topCount[j];
    }

    public long micrographs(int j) {
        return micrographs[j];
    }

    public ScoreHistogram histogram(int j) {
        return histograms[j];
    }

    /**
     * A compact text form that {@link #parse} reads back exactly (a micrograph's checkpoint holds it): per diameter of
     * the grid, separated by {@code ;}, its top-k sum, top-k count and micrograph count, then {@code bin:count} for each
     * non-zero histogram bin, separated by {@code ,}. Deterministic: the same evidence gives the same text; doubles
     * are written in their shortest exact decimal form.
     */
    public String format() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < SCALES; j++) {
            if (j > 0) s.append(';');
            s.append(Double.toString(topSum[j])).append(',').append(topCount[j]).append(',').append(micrographs[j]);
            for (int b = 0; b < ScoreHistogram.BINS; b++)
                if (histograms[j].count(b) != 0) s.append(',').append(b).append(':').append(histograms[j].count(b));
        }
        return s.toString();
    }

    /** The evidence written by {@link #format}; IllegalArgumentException for any other text. */
    public static SizeEvidence parse(String text) {
        String[] scales = text.split(";", -1);
        if (scales.length != SCALES)
            throw new IllegalArgumentException("size evidence needs " + SCALES + " diameters, got " + scales.length);
        SizeEvidence e = empty();
        for (int j = 0; j < SCALES; j++) {
            String[] f = scales[j].split(",", -1);
            if (f.length < 3) throw new IllegalArgumentException("size evidence: diameter " + j + " has " + f.length + " fields");
            e.topSum[j] = Double.parseDouble(f[0]);
            e.topCount[j] = Long.parseLong(f[1]);
            e.micrographs[j] = Long.parseLong(f[2]);
            long[] counts = new long[ScoreHistogram.BINS];
            for (int i = 3; i < f.length; i++) {
                int colon = f[i].indexOf(':');
                int b = Integer.parseInt(f[i].substring(0, Math.max(0, colon)));
                if (b < 0 || b >= counts.length) throw new IllegalArgumentException("size evidence: no histogram bin " + b);
                counts[b] = Long.parseLong(f[i].substring(colon + 1));
            }
            e.histograms[j] = new ScoreHistogram(counts);
        }
        return e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizeEvidence e && java.util.Arrays.equals(topSum, e.topSum) && java.util.Arrays.equals(topCount, e.topCount)
                && java.util.Arrays.equals(micrographs, e.micrographs) && java.util.Arrays.equals(histograms, e.histograms);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(topSum) * 31 + java.util.Arrays.hashCode(topCount);
    }

    /** The mean top-k curve, for the report. */
    public List<double[]> curve() {
        List<double[]> c = new ArrayList<>();
        for (int j = 0; j < SCALES; j++) c.add(new double[]{diameter(j), meanTopScore(j), micrographs[j]});
        return c;
    }
}
