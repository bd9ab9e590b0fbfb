package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.segdiampick.io.BatchDigest;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.OutLock;
import org.segdiampick.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An output folder belongs to one batch, and one run at a time: the run holds {@code OUT/_LOCK} and the
 * project's lock ({@link OutLock}) from before it reads the project until it exits, records its batch in
 * {@code OUT/_BATCH.json} ({@link BatchDigest}: the project and a digest of the selected micrographs) before any
 * output is written, and refuses an {@code OUT} that holds another batch's record, or files it did not write,
 * unless {@code --overwrite}. At the end, {@link #sweepStale} removes the per-micrograph files of its own earlier
 * runs that this run did not write (a micrograph that became bad loses its old box, star and thumbnail).
 */
final class OutputOwnership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputOwnership.class);

    /**
     * Top-level names a run or {@code preprocess} writes into OUT (a folder without a batch record holding only
     * these is ours). Not {@code project.jsonl}: without a batch record nothing says a run wrote it, and a
     * {@code run --mics} would replace it; only this run's own lock of it is ours.
     */
    private static final Set<String> OURS = Set.of("boxes", "coords", "thumbs", "work", Checkpoints.FOLDER, "picks.parquet",
            "coords.star", "micrographs.star", "micrographs.tsv", "summary.json", "report.html", "_SUCCESS",
            BatchDigest.FILE, OutLock.OUT_LOCK, "project.jsonl.lock", "preprocess_summary.json");
    /** Also ours: backups and leftovers of atomic writes, and preprocess's per-micrograph files directly in OUT. */
    private static final Pattern OURS_PATTERN = Pattern.compile(
            "(.+\\.prev|\\..+\\.tmp-[0-9a-f-]{36}|.+_(den|topo|bin)\\.mrc|.+_diams\\.txt)");
    /** The folders of per-micrograph outputs that {@link #sweepStale} keeps to this run's files. */
    static final List<String> PER_MICROGRAPH = List.of("boxes", "coords", "thumbs", "work", Checkpoints.FOLDER);

    private final String out;
    private final Configuration conf;
    private final List<OutLock> locks;

    private OutputOwnership(String out, Configuration conf, List<OutLock> locks) {
        this.out = out;
        this.conf = conf;
        this.locks = locks;
    }

    /** Takes the locks of {@code out} and {@code project} (refused, exit 2, when another run holds one). */
    static OutputOwnership lock(String out, String project, String command, Configuration conf) throws IOException {
        List<OutLock> locks = new ArrayList<>();
        try {
            locks.add(OutLock.acquire(OutLock.ofOut(out), command, conf));
            locks.add(OutLock.acquire(OutLock.ofProject(project), command, conf));
        } catch (IOException | RuntimeException e) {
            for (OutLock l : locks) l.close();
            throw e;
        }
        return new OutputOwnership(out, conf, locks);
    }

    /**
     * Refuses (exit 2, saying why) an OUT that belongs to another batch, or that has no batch record but holds
     * files a run did not write, unless {@code overwrite}; then records {@code batch} in {@code OUT/_BATCH.json}.
     */
    void claim(BatchDigest batch, boolean overwrite) throws IOException {
        String record = BatchDigest.location(out);
        var existing = BatchDigest.read(out, conf);
        if (existing.isPresent() && !existing.get().sameBatch(batch)) {
            if (!overwrite)
                throw new InputFormatException(record, "--out holds the outputs of another batch, " + existing.get().describe()
                        + ", not of this one, " + batch.describe() + "; give each batch its own --out, or add --overwrite to replace them");
            LOG.warn("--overwrite: replacing the outputs of {} in {}", existing.get().describe(), out);
        } else if (existing.isEmpty()) {
            List<String> foreign = foreign();
            if (!foreign.isEmpty() && !overwrite)
                throw new InputFormatException(out, "--out is not empty and holds files segdiampick did not write ("
                        + String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", ..." : "")
                        + "); give an empty or new folder, or add --overwrite to write into it anyway");
        }
        batch.write(out, conf);
        Storage.delete(record + ".prev", conf);
    }

    /** The top-level entries of OUT that no run writes (empty when OUT does not exist). */
    private List<String> foreign() throws IOException {
        Path p = Storage.path(out);
        FileStatus[] entries;
        try {
            entries = Storage.fileSystem(p, conf).listStatus(p);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus s : entries) {
            String n = s.getPath().getName();
            boolean ours = OURS.contains(n) || (OURS_PATTERN.matcher(n).matches() && !n.startsWith("project.jsonl"));
            if (!ours) names.add(n);
        }
        names.sort(null);
        return names;
    }

    /**
     * Deletes every file under OUT's per-micrograph folders ({@link #PER_MICROGRAPH}) that is not in {@code keep}
     * (absolute paths or URIs as the run wrote them): what earlier runs of this batch wrote for micrographs that
     * now have no such output. Returns how many were deleted.
     */
    int sweepStale(Set<String> keep) throws IOException {
        Set<String> kept = new java.util.HashSet<>();
        for (String k : keep) if (k != null) kept.add(Storage.path(k).toUri().getPath());
        int deleted = 0;
        for (String folder : PER_MICROGRAPH) {
            Path dir = Storage.path(new OutputLayout(out).resolve(folder));
            FileSystem fs = Storage.fileSystem(dir, conf);
            RemoteIterator<LocatedFileStatus> it;
            try {
                it = fs.listFiles(dir, true);
            } catch (FileNotFoundException e) {
                continue;
            }
            List<Path> stale = new ArrayList<>();
            while (it.hasNext()) {
                Path f = it.next().getPath();
                if (!kept.contains(f.toUri().getPath())) stale.add(f);
            }
            for (Path f : stale) {
                fs.delete(f, false);
                deleted++;
            }
        }
        if (deleted > 0) LOG.info("removed {} stale output files of earlier runs of this batch", deleted);
        return deleted;
    }

    /** Releases the locks. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = locks.size() - 1; i >= 0; i--) {
            try {
                locks.get(i).close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
