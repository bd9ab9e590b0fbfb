package org.segdiampick.pick.refined;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy non-maximum suppression: peaks are taken from the highest score down, and a peak is dropped when an
 * already kept peak lies within {@code minDistance} pixels. Two particles cannot be closer than about one
 * diameter, so at a distance below that the weaker response is a second maximum of the same particle (or of the
 * gap between two). Ties are broken by raster position, so the result does not depend on the input order.
 * Uses a grid of cells of side {@code minDistance}: O(n) neighbour checks.
 */
public final class NonMaximumSuppression {

    private NonMaximumSuppression() {
    }

    /** The kept peaks, highest score first. */
    public static List<Peak> suppress(List<Peak> peaks, double minDistance) {
        if (!(minDistance > 0)) throw new IllegalArgumentException("suppression distance must be positive, got " + minDistance);
        List<Peak> sorted = new ArrayList<>(peaks);
        sorted.sort(Comparator.comparingDouble(Peak::score).reversed().thenComparingInt(Peak::y).thenComparingInt(Peak::x));
        double cell = minDistance, d2 = minDistance * minDistance;
        Map<Long, List<Peak>> grid = new HashMap<>();
        List<Peak> kept = new ArrayList<>();
        for (Peak p : sorted) {
            long cx = (long) Math.floor(p.x() / cell), cy = (long) Math.floor(p.y() / cell);
            boolean free = true;
            for (long gy = cy - 1; gy <= cy + 1 && free; gy++)
                for (long gx = cx - 1; gx <= cx + 1 && free; gx++) {
                    List<Peak> c = grid.get(gx * 1_000_003L + gy);
                    if (c == null) continue;
                    for (Peak q : c) {
                        double dx = q.x() - p.x(), dy = q.y() - p.y();
                        if (dx * dx + dy * dy < d2) {
                            free = false;
                            break;
                        }
                    }
                }
            if (!free) continue;
            kept.add(p);
            grid.computeIfAbsent(cx * 1_000_003L + cy, k -> new ArrayList<>()).add(p);
        }
        return kept;
    }
}
