package org.segdiampick.image;

/**
 * A compiled network on planes ("slots") of floats: copies {source, shift, slot}, then operations
 * {kind, dst, dst2, a, b} (MIN, MAX, or CE: dst = min, dst2 = max).
 */
final class MinMaxProgram {
    final int[][] copies, code;
    final int slots;
    final int[] outputs;

    MinMaxProgram(int[][] copies, int[][] code, int slots, int[] outputs) {
        this.copies = copies;
        this.code = code;
        this.slots = slots;
        this.outputs = outputs;
    }

    /** Minimum and maximum operations per run (a compare-exchange counts two). */
    int operations() {
        int n = 0;
        for (int[] op : code) n += op[0] == MinMaxNetwork.CE ? 2 : 1;
        return n;
    }

    float[][] newSlots(int len) {
        float[][] s = new float[slots][];
        for (int i = 0; i < slots; i++) s[i] = new float[len];
        return s;
    }

    /**
     * Runs the network on elements 0 … n−1 of the planes (inputs in their slots, long enough for the
     * copies' shifts). Math.min/max order −0 before +0 and return an operand's exact bits.
     */
    void run(float[][] p, int n) {
        for (int[] c : copies) System.arraycopy(p[c[0]], c[1], p[c[2]], 0, n);
        for (int[] op : code) {
            float[] a = p[op[3]], b = p[op[4]];
            switch (op[0]) {
                case MinMaxNetwork.MIN -> minLoop(p[op[1]], a, b, n);
                case MinMaxNetwork.MAX -> maxLoop(p[op[1]], a, b, n);
                default -> compareExchange(p[op[1]], p[op[2]], a, b, n);
            }
        }
    }

    private static void minLoop(float[] d, float[] a, float[] b, int n) {
        for (int t = 0; t < n; t++) d[t] = Math.min(a[t], b[t]);
    }

    private static void maxLoop(float[] d, float[] a, float[] b, int n) {
        for (int t = 0; t < n; t++) d[t] = Math.max(a[t], b[t]);
    }

    private static void compareExchange(float[] lo, float[] hi, float[] a, float[] b, int n) {
        for (int t = 0; t < n; t++) {
            float x = a[t], y = b[t];
            lo[t] = Math.min(x, y);
            hi[t] = Math.max(x, y);
        }
    }
}
