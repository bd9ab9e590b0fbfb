package org.segdiampick.pick.refined;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A fixed-bin histogram of detection scores, logarithmic in the score: {@value #BINS} bins spanning
 * [{@value #MIN_SCORE}, {@value #MAX_SCORE}) (scores outside are clamped into the end bins). Fixed bins make
 * histograms of different micrographs addable, so a batch's pooled score distribution is a sum that Spark can
 * tree-aggregate; the driver never sees a per-micrograph list of scores.
 */
public final class ScoreHistogram implements Serializable {
    public static final int BINS = 96;
    public static final double MIN_SCORE = 0.25, MAX_SCORE = 256;
    private static final double LOG_MIN = Math.log(MIN_SCORE), WIDTH = (Math.log(MAX_SCORE) - LOG_MIN) / BINS;

    private final long[] counts;

    public ScoreHistogram() {
        this(new long[BINS]);
    }

    public ScoreHistogram(long[] counts) {
        if (counts.length != BINS) throw new IllegalArgumentException("score histogram needs " + BINS + " bins, got " + counts.length);
        this.counts = counts.clone();
    }

    public static int bin(double score) {
        if (!(score > MIN_SCORE)) return 0;
        return Math.min(BINS - 1, (int) ((Math.log(score) - LOG_MIN) / WIDTH));
    }

    /** ln of the centre of bin b. */
    public static double logCentre(int b) {
        return LOG_MIN + (b + 0.5) * WIDTH;
    }

    /** ln of the lower edge of bin b. */
    public static double logLowerEdge(int b) {
        return LOG_MIN + b * WIDTH;
    }

    public void add(double score) {
        counts[bin(score)]++;
    }

    public ScoreHistogram plus(ScoreHistogram o) {
        long[] c = counts.clone();
        for (int i = 0; i < BINS; i++) c[i] += o.counts[i];
        return new ScoreHistogram(c);
    }

    public long count(int b) {
        return counts[b];
    }

    public long total() {
        long t = 0;
        for (long c : counts) t += c;
        return t;
    }

    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreHistogram h && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
