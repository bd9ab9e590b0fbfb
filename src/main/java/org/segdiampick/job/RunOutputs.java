package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.io.CoordinateStar;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.MicrographTable;
import org.segdiampick.io.MicrographsStar;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.io.Storage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's writing at the end of a job, in the order that keeps a failed run harmless: the outputs first,
 * then the project (atomically, previous version kept), then {@code _SUCCESS}. Until the project is written a
 * run that dies leaves it as it was, and a rerun starts from the same state.
 */
final class RunOutputs {
    private final OutputLayout layout;
    private final Configuration conf;

    RunOutputs(OutputLayout layout, Configuration conf) {
        this.layout = layout;
        this.conf = conf;
    }

    /** {@code coords.star}: every coordinate file with its micrograph (RELION ≥ 4 {@code --coord_list}, cryoSPARC). */
    void coordsIndex(List<MicResult> results) throws IOException {
        List<CoordinateStar.IndexEntry> rows = new ArrayList<>();
        for (MicResult x : results) if (x.coordFile() != null) rows.add(new CoordinateStar.IndexEntry(x.micrograph(), x.coordFile()));
        try (OutputStream os = Storage.create(layout.coordsIndex(), conf)) {
            CoordinateStar.writeIndex(rows, os);
        }
    }

    /**
     * {@code micrographs.star} for RELION 3.1: every micrograph with a coordinate file, by a name RELION opens, in
     * an optics group with the pixel size. {@code cd OUT && relion_preprocess --i micrographs.star --coord_dir
     * coords/ --coord_suffix .star ...} then finds each one's coordinates ({@link OutputLayout#coords}).
     */
    void relionMicrographs(List<MicResult> results, double smpd) throws IOException {
        List<String> names = new ArrayList<>();
        for (MicResult x : results) if (x.coordFile() != null) names.add(OutputLayout.relionName(x.micrograph()));
        try (OutputStream os = Storage.create(layout.relionMicrographs(), conf)) {
            MicrographsStar.write(names, smpd, os);
        }
    }

    /** {@code micrographs.tsv}: one line per micrograph, everything the summary and the report only count. */
    void micrographTable(List<MicResult> results) throws IOException {
        try (OutputStream os = Storage.create(layout.micrographTable(), conf)) {
            MicrographTable t = new MicrographTable(os);
            for (MicResult x : results) {
                Pass1Outcome p = x.pick();
                t.row(x.micrograph(), x.name(), x.status(), p.count(), x.nptcls(), x.boxfile(), x.coordFile(), x.thumb(),
                        p.failed() ? null : p.carbonFraction(),
                        x.failedStage() == null ? null : x.failedStage().name().toLowerCase(java.util.Locale.ROOT), x.error());
            }
            t.finish();
        }
    }

    void summary(String path, ObjectNode summary) throws IOException {
        Storage.writeAtomically(path, RunSummary.JSON.writeValueAsBytes(summary), conf);
    }

    void project(String project, List<MicRecord> updated) throws IOException {
        ProjectStore.write(project, updated, conf);
    }

    /** The empty {@code _SUCCESS} marker, written last, after the project. */
    void success() throws IOException {
        try (OutputStream os = Storage.create(layout.success(), conf)) {
            os.write(new byte[0]);
        }
    }
}
