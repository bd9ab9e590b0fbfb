package org.segdiampick.job;

import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.OutputNames;
import org.segdiampick.io.PixelSize;

import java.util.ArrayList;
import java.util.List;

/**
 * Which micrographs of a project a run processes (algorithm §2.1, policy stage 1): the records with an
 * {@code intg} entry and a state of at least 1 (or no state), in project order, the first {@code micTo} of them.
 * Also checks that the project has one pixel size, since the box size is derived in pixels of it.
 */
public final class ProjectSelection {

    public final List<MicTask> tasks;
    public final double smpd;
    public final List<String> warnings;

    private ProjectSelection(List<MicTask> tasks, double smpd, List<String> warnings) {
        this.tasks = tasks;
        this.smpd = smpd;
        this.warnings = warnings;
    }

    public static ProjectSelection select(List<MicRecord> records, Integer micTo, String projectName) {
        List<String> warnings = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            MicRecord r = records.get(i);
            Integer state = r.state();
            if (r.intg() == null || r.intg().isBlank()) continue;
            if (state != null && state < 1) continue;
            chosen.add(i);
        }
        if (micTo != null) {
            if (micTo < 1) throw new InputFormatException(projectName, "--mic-to must be at least 1, got " + micTo);
            if (micTo > chosen.size()) {
                warnings.add("--mic-to " + micTo + " exceeds the " + chosen.size() + " selectable micrographs; using " + chosen.size());
            } else {
                chosen = chosen.subList(0, micTo);
            }
        }
        Double smpd = null;
        for (int i : chosen) {
            Double s = records.get(i).smpd();
            if (s == null || !(s > 0)) continue;
            if (smpd == null) smpd = s;
            else if (!PixelSize.same(s, smpd))
                throw new InputFormatException(projectName, i + 1, "mixed pixel sizes in one project: " + smpd + " and " + s
                        + " Å (" + records.get(i).intg() + "); split the batch by pixel size");
        }
        if (smpd == null && !chosen.isEmpty())
            throw new InputFormatException(projectName, "no micrograph record has a pixel size (smpd); import with --smpd");
        // Two micrographs with the same file name in different folders must not overwrite each other's outputs.
        List<String> names = OutputNames.assign(chosen.stream().map(i -> records.get(i).intg()).toList());
        List<MicTask> tasks = new ArrayList<>();
        for (int j = 0; j < chosen.size(); j++) {
            int i = chosen.get(j);
            MicRecord r = records.get(i);
            String name = names.get(j);
            Double s = r.smpd();
            tasks.add(new MicTask(i, r.intg(), s == null ? Double.NaN : s, name,
                    r.getString("mic_den"), r.getString("mic_topo"), r.getString("mic_bin"), r.getString("mic_diam")));
        }
        return new ProjectSelection(List.copyOf(tasks), smpd == null ? Double.NaN : smpd, warnings);
    }
}
