package org.segdiampick.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * When failed micrographs stop the run (README "Fault isolation"): more than {@code --max-failed-fraction} of
 * the selection, or any one with {@code --fail-fast}. Checked after stage 1 and after stage 6, before the project
 * is touched.
 */
final class FailurePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);
    /** Failures logged one by one; beyond, only counted (all are in micrographs.tsv). */
    static final int MAX_LOGGED = 100;

    private final double maxFailedFraction;
    private final boolean failFast;

    FailurePolicy(BatchOptions o) {
        this(o.maxFailedFraction(), o.failFast());
    }

    FailurePolicy(double maxFailedFraction, boolean failFast) {
        this.maxFailedFraction = maxFailedFraction;
        this.failFast = failFast;
    }

    /** After stage 1 (with {@code --fail-fast} stage 1 has already thrown on the first failure). */
    void afterPick(List<MicTask> tasks, List<Pass1Outcome> p1) {
        int failed = 0;
        java.util.Map<Integer, String> byIndex = new java.util.HashMap<>();
        for (MicTask t : tasks) byIndex.put(t.index(), t.intg());
        for (Pass1Outcome x : p1) {
            if (!x.failed()) continue;
            if (failed++ < MAX_LOGGED) LOG.warn("failed: {}: {}", byIndex.get(x.index()), x.error());
        }
        if (failed > MAX_LOGGED) LOG.warn("... and {} more failures (see micrographs.tsv)", failed - MAX_LOGGED);
        check(failed, tasks.size());
    }

    /** After stage 6: its own failures (write errors, unreadable binary image) count with stage 1's. */
    void afterRepick(List<MicResult> results) {
        int failed = 0, logged = 0;
        for (MicResult r : results) {
            if (!r.failed()) continue;
            failed++;
            if (r.failedStage() != MicResult.Stage.REPICK) continue;
            if (failFast)
                throw new RunFailedException(RunFailedException.Reason.TOO_MANY_FAILED,
                        r.micrograph() + ": re-pick failed (--fail-fast): " + r.error());
            if (logged++ < MAX_LOGGED) LOG.warn("re-pick failed: {}: {}", r.micrograph(), r.error());
        }
        check(failed, results.size());
    }

    void check(int failed, int total) {
        if (failed > 0 && failed > maxFailedFraction * total)
            throw new RunFailedException(RunFailedException.Reason.TOO_MANY_FAILED, failed + " of " + total
                    + " micrographs failed, more than --max-failed-fraction " + maxFailedFraction + " allows; the project is unchanged");
    }
}
