package org.segdiampick.job;

import org.segdiampick.io.MicRecord;

import java.util.ArrayList;
import java.util.List;

/** The project as a job leaves it, built from the joined results; the records read are not modified. */
final class ProjectUpdate {
    /** The project fields of a pre-picked micrograph, deleted after import (policy invariant). */
    static final List<String> PRE_PICK_KEYS = List.of(MicRecord.MIC_DEN, MicRecord.MIC_TOPO, MicRecord.MIC_BIN, MicRecord.MIC_DIAM);

    private ProjectUpdate() {
    }

    /**
     * Policy stage 6 / §9.4: {@code boxfile}, {@code nptcls}, {@code thumb_den} describe this run (B-27),
     * pre-pick entries are gone, failed micrographs get {@code state = 0} and an {@code error}.
     */
    static List<MicRecord> afterRun(List<MicRecord> records, List<MicResult> results) {
        List<MicRecord> out = copy(records);
        for (MicResult x : results) {
            MicRecord r = out.get(x.task().index());
            // Imported entries must not be reused (policy invariant); entries of any other processed record are stale.
            PRE_PICK_KEYS.forEach(r::remove);
            r.remove(MicRecord.BOXFILE);
            r.remove(MicRecord.THUMB_DEN);
            r.remove(MicRecord.ERROR);
            r.set(MicRecord.NPTCLS, 0);
            if (x.failed()) {
                r.set(MicRecord.STATE, 0);
                r.set(MicRecord.ERROR, x.error());
                continue;
            }
            r.set(MicRecord.NPTCLS, x.nptcls());
            if (x.boxfile() != null) r.set(MicRecord.BOXFILE, x.boxfile());
            if (x.thumb() != null) r.set(MicRecord.THUMB_DEN, x.thumb());
        }
        return out;
    }

    /** {@code preprocess}: register the files written (only those, decisions B-10) for a later run to import. */
    static List<MicRecord> afterPreprocess(List<MicRecord> records, List<MicResult> results) {
        List<MicRecord> out = copy(records);
        for (MicResult x : results) {
            MicRecord r = out.get(x.task().index());
            PRE_PICK_KEYS.forEach(r::remove);
            r.remove(MicRecord.ERROR);
            Pass1Outcome p = x.pick();
            if (p.failed()) {
                r.set(MicRecord.STATE, 0);
                r.set(MicRecord.ERROR, p.error());
                continue;
            }
            if (p.bin() != null) {
                r.set(MicRecord.MIC_DEN, p.den());
                r.set(MicRecord.MIC_TOPO, p.topo());
                r.set(MicRecord.MIC_BIN, p.bin());
            }
            if (p.diam() != null) r.set(MicRecord.MIC_DIAM, p.diam());
        }
        return out;
    }

    private static List<MicRecord> copy(List<MicRecord> records) {
        List<MicRecord> out = new ArrayList<>(records.size());
        for (MicRecord r : records) out.add(r.copy());
        return out;
    }
}
