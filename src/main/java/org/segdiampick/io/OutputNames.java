package org.segdiampick.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output stem of every micrograph of a batch ({@code boxes/<stem>.box}, {@code coords/<stem>.star}, ...):
 * human-readable, deterministic and collision-free whatever the input paths.
 *
 * <p>The stem is the file name without its folder and final extension (decisions B-28). Micrographs with the
 * same file name in different folders are told apart by a suffix: the first (in batch order) keeps the plain
 * stem, the k-th gets {@code _k}, except that a suffixed stem never takes a name that is the plain stem of
 * another micrograph of the batch or already given: then k counts on. So {@code sub1/same.mrc},
 * {@code sub2/same.mrc}, {@code sub3/same_2.mrc} become {@code same}, {@code same_3}, {@code same_2}. For a batch
 * in which the plain {@code _k} rule gave no clash, the stems are exactly those of that rule, so existing
 * outputs keep their names.
 *
 * <p>The stems depend on the batch's order (the first of equal names keeps the plain one), not only on its
 * set of paths; a batch is always taken in project order, so a rerun of the same batch gives the same stems.
 */
public final class OutputNames {
    private OutputNames() {
    }

    /** One stem per path, in the same order; all different. */
    public static List<String> assign(List<String> paths) {
        Set<String> taken = new HashSet<>();
        List<String> bases = new ArrayList<>(paths.size());
        for (String p : paths) {
            String b = baseName(p);
            bases.add(b);
            taken.add(b);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(paths.size());
        for (String b : bases) {
            int k = seen.merge(b, 1, Integer::sum);
            if (k == 1) {
                out.add(b);
                continue;
            }
            String name = b + "_" + k;
            while (!taken.add(name)) name = b + "_" + (++k);
            seen.put(b, k);
            out.add(name);
        }
        return out;
    }

    /**
     * A micrograph's file name without directory, query and final extension (decisions B-28: only the final
     * extension is stripped, so {@code FoilHole_1.frames.mrc} gives {@code FoilHole_1.frames}).
     */
    public static String baseName(String path) {
        String s = path;
        int q = s.indexOf('?');
        if (q >= 0) s = s.substring(0, q);
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        String file = s.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
