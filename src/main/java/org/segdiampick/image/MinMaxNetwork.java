package org.segdiampick.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a min/max network symbolically. A node is a leaf (input plane p read from element s on) or the
 * min or max of two nodes; equal nodes are built once.
 */
final class MinMaxNetwork {
    static final int LEAF = 0, MIN = 1, MAX = 2;
    final List<int[]> nodes = new ArrayList<>(); // {kind, a, b} (leaf: {LEAF, plane, shift})
    private final Map<List<Integer>, Integer> ids = new HashMap<>();

    int leaf(int plane, int shift) {
        return node(LEAF, plane, shift);
    }

    private int node(int kind, int a, int b) {
        return ids.computeIfAbsent(List.of(kind, a, b), key -> {
            nodes.add(new int[] {kind, a, b});
            return nodes.size() - 1;
        });
    }

    /** Batcher's odd–even merge of two sorted lists of any lengths (Knuth TAOCP 5.3.4). */
    int[] merge(int[] a, int[] b) {
        if (a.length == 0) return b;
        if (b.length == 0) return a;
        if (a.length == 1 && b.length == 1) return new int[] {node(MIN, a[0], b[0]), node(MAX, a[0], b[0])};
        int[] v = merge(take(a, 0), take(b, 0)), u = merge(take(a, 1), take(b, 1));
        int[] z = new int[a.length + b.length];
        int n = 0, i = 1, j = 0;
        z[n++] = v[0];
        for (; j < u.length && i < v.length; i++, j++) {
            z[n++] = node(MIN, u[j], v[i]);
            z[n++] = node(MAX, u[j], v[i]);
        }
        while (j < u.length) z[n++] = u[j++];
        while (i < v.length) z[n++] = v[i++];
        return z;
    }

    /** Merges sorted lists pairwise, in a balanced tree (a sort when every list has one element). */
    int[] mergeAll(int[][] lists) {
        if (lists.length == 1) return lists[0];
        int h = lists.length / 2;
        return merge(mergeAll(Arrays.copyOfRange(lists, 0, h)), mergeAll(Arrays.copyOfRange(lists, h, lists.length)));
    }

    private static int[] take(int[] a, int parity) {
        int[] r = new int[(a.length + 1 - parity) / 2];
        for (int i = 0; i < r.length; i++) r[i] = a[2 * i + parity];
        return r;
    }

    /**
     * Program computing {@code outputs} from {@code inputs} planes, with only the operations they depend on.
     * A leaf read from element s > 0 on is first copied to a plane of its own, so every operation is an
     * aligned element-wise loop; a min and a max of the same two nodes run as one compare-exchange.
     */
    MinMaxProgram compile(int inputs, int[] outputs) {
        int n = nodes.size();
        boolean[] live = new boolean[n];
        for (int o : outputs) live[o] = true;
        for (int i = n - 1; i >= 0; i--) {
            int[] nd = nodes.get(i);
            if (live[i] && nd[0] != LEAF) {
                live[nd[1]] = true;
                live[nd[2]] = true;
            }
        }
        // nodes are created after their operands, so index order is an evaluation order; the last use of
        // every node lets its plane be reused (outputs are never released)
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < n; i++) {
            int[] nd = nodes.get(i);
            if (live[i] && nd[0] != LEAF) {
                lastUse[nd[1]] = i;
                lastUse[nd[2]] = i;
            }
        }
        for (int o : outputs) lastUse[o] = Integer.MAX_VALUE;
        int[] slot = new int[n];
        Arrays.fill(slot, -1);
        int slots = inputs;
        List<int[]> shifted = new ArrayList<>(); // {source plane, shift, slot}
        for (int i = 0; i < n; i++) {
            int[] nd = nodes.get(i);
            if (!live[i] || nd[0] != LEAF) continue;
            if (nd[2] == 0) slot[i] = nd[1];
            else {
                slot[i] = slots++;
                shifted.add(new int[] {nd[1], nd[2], slot[i]});
            }
        }
        List<Integer> free = new ArrayList<>();
        List<int[]> code = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] nd = nodes.get(i);
            if (!live[i] || nd[0] == LEAF || slot[i] >= 0) continue;
            int a = nd[1], b = nd[2];
            int partner = -1; // the max of the same pair, built right after the min
            if (nd[0] == MIN && i + 1 < n && live[i + 1]) {
                int[] next = nodes.get(i + 1);
                if (next[0] == MAX && next[1] == a && next[2] == b) partner = i + 1;
            }
            slot[i] = free.isEmpty() ? slots++ : free.remove(free.size() - 1);
            if (partner >= 0) {
                slot[partner] = free.isEmpty() ? slots++ : free.remove(free.size() - 1);
                code.add(new int[] {CE, slot[i], slot[partner], slot[a], slot[b]});
            } else code.add(new int[] {nd[0], slot[i], -1, slot[a], slot[b]});
            int done = partner >= 0 ? partner : i;
            if (nodes.get(a)[0] != LEAF && lastUse[a] <= done) free.add(slot[a]);
            if (b != a && nodes.get(b)[0] != LEAF && lastUse[b] <= done) free.add(slot[b]);
        }
        int[] out = new int[outputs.length];
        for (int i = 0; i < out.length; i++) out[i] = slot[outputs[i]];
        return new MinMaxProgram(shifted.toArray(new int[0][]), code.toArray(new int[0][]), slots, out);
    }

    static final int CE = 3;
}
