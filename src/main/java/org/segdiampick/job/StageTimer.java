package org.segdiampick.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock seconds per named stage, in the order the stages ran (summary.json {@code timings}). */
final class StageTimer {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long start = System.nanoTime();

    /** Ends the current stage under {@code name} and starts the next. */
    void end(String name) {
        long now = System.nanoTime();
        seconds.put(name + "_s", round((now - start) / 1e9));
        start = now;
    }

    /** The stages so far, their total, and {@code extra} entries (e.g. the summed task time). */
    Map<String, Double> timings(Map<String, Double> extra) {
        Map<String, Double> t = new LinkedHashMap<>(seconds);
        double total = 0;
        for (double v : seconds.values()) total += v;
        t.put("total_s", round(total));
        t.putAll(extra);
        return Collections.unmodifiableMap(t);
    }

    static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
