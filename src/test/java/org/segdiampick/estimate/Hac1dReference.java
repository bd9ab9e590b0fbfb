package org.segdiampick.estimate;

/**
 * Plain transcription of the reference loops of {@code hac_1d_fast} (algorithm §8.5), O(N²)–O(N³), in
 * double: the yardstick for {@link Hac1d}. Labels are 1-based inside, returned 0-based.
 */
final class Hac1dReference {
    private Hac1dReference() {
    }

    static Hac1d.Result cluster(double[] vec, double thresh) {
        int n = vec.length;
        boolean[] assigned = new boolean[n];
        int[] labels = new int[n];
        int c0 = 0;
        // step 1: greedy pairing in index order
        for (int i = 0; i < n; i++) {
            if (assigned[i]) continue;
            assigned[i] = true;
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (assigned[j]) continue;
                double d = Math.abs(vec[i] - vec[j]);
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            c0++;
            labels[i] = c0;
            if (best >= 0 && bestD <= thresh) {
                labels[best] = c0;
                assigned[best] = true;
            }
        }
        // step 2: initial centroids, never updated below
        double[] cen = new double[c0 + 1];
        int[] cnt = new int[c0 + 1];
        for (int i = 0; i < n; i++) {
            cen[labels[i]] += vec[i];
            cnt[labels[i]]++;
        }
        for (int q = 1; q <= c0; q++) cen[q] /= cnt[q];
        // step 3: the non-transitive merge loop
        for (int q = 1; q <= c0 - 1; q++) {
            for (int r = q + 1; r <= c0; r++) {
                if (Math.abs(cen[q] - cen[r]) <= thresh) {
                    for (int i = 0; i < n; i++) if (labels[i] == r) labels[i] = q;
                }
            }
        }
        // step 4: renumber by first appearance
        int[] map = new int[c0 + 1];
        int nc = 0;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (map[labels[i]] == 0) map[labels[i]] = ++nc;
            out[i] = map[labels[i]] - 1;
        }
        // step 5: final centroids and populations
        double[] c = new double[nc];
        long[] pops = new long[nc];
        for (int i = 0; i < n; i++) {
            c[out[i]] += vec[i];
            pops[out[i]]++;
        }
        for (int q = 0; q < nc; q++) c[q] /= pops[q];
        return new Hac1d.Result(out, c, pops);
    }
}
