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

    /** The mean top-k curve, for the report. */
    public List<double[]> curve() {
        List<double[]> c = new ArrayList<>();
        for (int j = 0; j < SCALES; j++) c.add(new double[]{diameter(j), meanTopScore(j), micrographs[j]});
        return c;
    }
}
