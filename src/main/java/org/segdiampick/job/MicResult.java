package org.segdiampick.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the run learnt about one selected micrograph, joined once from its task and its two outcomes:
 * the summary, the report, {@code micrographs.tsv} and the project update are all built from a list of these.
 *
 * @param task   what the driver sent
 * @param pick   stage 1's outcome
 * @param repick stage 6's outcome; null when stage 6 did not run for it (stage 1 failed)
 */
public record MicResult(MicTask task, Pass1Outcome pick, Pass2Outcome repick) {

    /** Which stage a failure happened in. */
    public enum Stage { PICK, REPICK }

    /** Joins the outcomes by project index, in task (= project) order. */
    static List<MicResult> join(List<MicTask> tasks, List<Pass1Outcome> p1, List<Pass2Outcome> p2) {
        Map<Integer, Pass1Outcome> picks = new HashMap<>(p1.size() * 2);
        for (Pass1Outcome x : p1) picks.put(x.index(), x);
        Map<Integer, Pass2Outcome> repicks = new HashMap<>(p2.size() * 2);
        for (Pass2Outcome x : p2) repicks.put(x.index(), x);
        List<MicResult> out = new ArrayList<>(tasks.size());
        for (MicTask t : tasks) {
            Pass1Outcome a = picks.get(t.index());
            if (a == null) throw new IllegalStateException("no stage-1 outcome for " + t.intg());
            out.add(new MicResult(t, a, repicks.get(t.index())));
        }
        return out;
    }

    public String micrograph() {
        return task.intg();
    }

    public String name() {
        return task.name();
    }

    public boolean failed() {
        return pick.failed() || (repick != null && repick.failed());
    }

    /** The stage that failed, or null. */
    public Stage failedStage() {
        return pick.failed() ? Stage.PICK : repick != null && repick.failed() ? Stage.REPICK : null;
    }

    public String error() {
        return pick.failed() ? pick.error() : repick != null ? repick.error() : null;
    }

    /** {@code picked}, {@code imported}, {@code no_particles}, {@code carbon} or {@code failed}. */
    public String status() {
        return failed() ? "failed" : pick.status().name().toLowerCase(Locale.ROOT);
    }

    /** Particles kept by stage 6 (0 when it failed or did not run). */
    public int nptcls() {
        return repick == null || repick.failed() ? 0 : repick.nptcls();
    }

    public String boxfile() {
        return repick == null ? null : repick.boxfile();
    }

    public String coordFile() {
        return repick == null ? null : repick.coordFile();
    }

    public String thumb() {
        return repick == null ? null : repick.thumb();
    }
}
