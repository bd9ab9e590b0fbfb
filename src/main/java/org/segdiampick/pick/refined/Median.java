package org.segdiampick.pick.refined;

import java.util.Arrays;

/**
 * The median of a float array by selection (quickselect with a three-way partition) instead of a full sort:
 * linear expected time, and exactly the value a sort would give — the middle element, or for an even count the
 * mean of the two middle ones. The robust statistics of the refined picker ({@link RobustZ}, {@link NoiseLevel})
 * take two or three medians of 16384 samples per size and micrograph, where a sort cost a fifth of the size
 * evidence. The array is reordered. The pivot is the median of three; a range that needs too many rounds (an
 * adversarial order) is finished by a sort, so the worst case stays O(n log n).
 */
public final class Median {
    /** Ranges this short are sorted (cheaper than partitioning them). */
    private static final int SMALL = 24;

    private Median() {
    }

    /** The median of {@code a} (reordered in place); NaN-free input. */
    public static double of(float[] a) {
        int n = a.length;
        if (n == 0) throw new IllegalArgumentException("median of no values");
        int k = n / 2;
        float upper = select(a, k);
        if ((n & 1) == 1) return upper;
        // select leaves every element before k at most a[k]: the lower middle is the largest of them
        float lower = a[0];
        for (int i = 1; i < k; i++) if (a[i] > lower) lower = a[i];
        return 0.5 * (lower + upper);
    }

    /**
     * The value that would be at index {@code k} of {@code a} sorted; afterwards {@code a[i] ≤ a[k] ≤ a[j]} for
     * every i &lt; k &lt; j.
     */
    static float select(float[] a, int k) {
        if (k < 0 || k >= a.length) throw new IllegalArgumentException("index " + k + " outside 0.." + (a.length - 1));
        int lo = 0, hi = a.length - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 4;
        while (hi - lo >= SMALL && rounds-- > 0) {
            float p = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            // a[lo..lt-1] < p, a[lt..gt] == p, a[gt+1..hi] > p
            int lt = lo, gt = hi, i = lo;
            while (i <= gt) {
                float v = a[i];
                if (v < p) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > p) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else i++;
            }
            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return p;
        }
        Arrays.sort(a, lo, hi + 1);
        return a[k];
    }

    private static float medianOfThree(float x, float y, float z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
