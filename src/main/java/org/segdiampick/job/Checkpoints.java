package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.segdiampick.io.Sha256;
import org.segdiampick.io.Storage;
import org.segdiampick.pick.refined.SizeEvidence;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

/**
 * Resume ({@code run}, {@code run --picker refined} and {@code preprocess}): every micrograph's pass-1 result is
 * recorded as {@code OUT/checkpoints/<name>.json} as soon as the micrograph is done, after its pass-1 files (thumbnail, intermediates), written aside and renamed into place,
 * so it survives {@code kill -9} of the driver and is never half-written. A rerun of the same command takes a
 * micrograph's result from its checkpoint instead of picking it again; the outputs are the same bytes, since
 * pass 1 is deterministic and the checkpoint holds every number it returned (doubles round-trip exactly in JSON).
 *
 * <p>A checkpoint is used only when its key matches: a SHA-256 of the pass-1 options that change its result or
 * files (contrast, {@code --moldiam-max}, what pass 1 writes, the output folder, a format version) and of the
 * micrograph as it is now (path, pixel size, output name, file size and modification time, the cached files of a
 * pre-picked one); and only when the files it names still exist. Failed micrographs are not checkpointed: a
 * problem that was fixed (a permission, a file copied in) must be seen by the rerun.
 *
 * <p>With the refined picker the record also holds the micrograph's size evidence ({@link SizeEvidence#format}, exact),
 * so that the batch's learned size is the same after a resume; such checkpoints have their own key, since a policy
 * run's checkpoint has no evidence to give.
 *
 * <p>Campaign mode ({@code run --picker refined --decision}) has no pass 1: there the record is the micrograph's whole
 * refined result (outcome, written files, picks with their figures of merit), under a key of its own
 * ({@link #ofCampaign}), at the same place.
 */
final class Checkpoints implements Serializable {
    /** The folder inside OUT. */
    static final String FOLDER = "checkpoints";
    /** Bumped when the record's meaning changes, so that older checkpoints are not reused. */
    private static final String FORMAT = "segdiampick-pass1-checkpoint-1";
    /** The format of campaign mode's records (a whole refined result, no pass 1). */
    private static final String CAMPAIGN_FORMAT = "segdiampick-campaign-checkpoint-1";
    /** Added to the key of checkpoints that carry the refined picker's size evidence. */
    private static final String WITH_EVIDENCE = "with-size-evidence-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String dir;
    private final String optionsDigest;
    private final boolean evidence;

    private Checkpoints(String dir, String optionsDigest, boolean evidence) {
        this.dir = dir;
        this.optionsDigest = optionsDigest;
        this.evidence = evidence;
    }

    /** The checkpoints of a run with pass-1 settings {@code s}. */
    static Checkpoints of(PickSettings s) {
        return of(s, false);
    }

    /** @param evidence the run also needs each micrograph's size evidence (the refined picker) */
    static Checkpoints of(PickSettings s, boolean evidence) {
        String digest = evidence
                ? Sha256.ofStrings(FORMAT, s.contrast().label(), Double.toString(s.moldiamMax()), s.writes().name(), s.layout().out(), WITH_EVIDENCE)
                : Sha256.ofStrings(FORMAT, s.contrast().label(), Double.toString(s.moldiamMax()), s.writes().name(), s.layout().out());
        return new Checkpoints(s.layout().resolve(FOLDER), digest, evidence);
    }

    /**
     * The checkpoints of campaign mode ({@code run --picker refined --decision}), which has no pass 1: each records
     * a micrograph's whole refined result ({@link #recordRefined}). Keyed on everything its files depend on: the
     * contrast, the output folder, both decisions (box size, particle and detection diameters, threshold) and a
     * format of its own, so a pass-1 checkpoint of the same micrograph is never taken for one, nor the reverse.
     */
    static Checkpoints ofCampaign(OutputLayout layout, org.segdiampick.pick.Contrast contrast,
                                  org.segdiampick.estimate.Decision d, org.segdiampick.pick.refined.RefinedDecision rd) {
        return new Checkpoints(layout.resolve(FOLDER),
                Sha256.ofStrings(CAMPAIGN_FORMAT, contrast.label(), layout.out(), d.toString(), rd.toString()), false);
    }

    /** Where the checkpoint of {@code t} lives. */
    String file(MicTask t) {
        return dir + "/" + t.name() + ".json";
    }

    /**
     * How many of {@code tasks} have a checkpoint file now, read from storage (what a rerun will find): Spark's
     * accumulators reach the driver only when a whole task of many micrographs ends, so they lag behind the files.
     * 0 when the folder cannot be listed.
     */
    long count(java.util.List<MicTask> tasks, Configuration conf) {
        try {
            java.util.Set<String> present = new java.util.HashSet<>();
            for (FileStatus st : Storage.listStatus(dir, conf)) present.add(st.getPath().getName());
            long n = 0;
            for (MicTask t : tasks) if (present.contains(t.name() + ".json")) n++;
            return n;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The recorded pass-1 outcome of {@code t} (with its size evidence when the run needs it), if there is one for
     * the micrograph and options as they are now.
     */
    Optional<PickStage.WithEvidence> resume(MicTask t, Configuration conf) {
        try {
            JsonNode n = current(t, conf);
            if (n == null) return Optional.empty();
            Pass1Outcome o = fromJson(t, n);
            if (!allExist(conf, o.den(), o.topo(), o.bin(), o.diam(), o.thumb())) return Optional.empty();
            SizeEvidence e = evidence && n.hasNonNull("size_evidence") ? SizeEvidence.parse(n.get("size_evidence").asText()) : null;
            // a micrograph picked here always has evidence (an imported one has none): without it, pick again
            if (evidence && e == null && !o.imported()) return Optional.empty();
            return Optional.of(new PickStage.WithEvidence(o, e));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records {@code o}, the finished pass 1 of {@code t} (not a failure): aside, then renamed into place. */
    void record(MicTask t, Pass1Outcome o, Configuration conf) {
        record(t, new PickStage.WithEvidence(o, null), conf);
    }

    /** Records a finished pass 1 and, when this run needs it, its size evidence. */
    void record(MicTask t, PickStage.WithEvidence x, Configuration conf) {
        if (x.outcome().failed()) return;
        write(t, conf, key -> {
            ObjectNode n = toJson(key, x.outcome());
            if (evidence && x.evidence() != null) n.put("size_evidence", x.evidence().format());
            return n;
        });
    }

    /**
     * Campaign mode: the recorded refined result of {@code t}, if there is one for the micrograph and decisions as
     * they are now and the box, coordinate and thumbnail files it names still exist. The picks come back exactly
     * (doubles round-trip in JSON), so the rerun's picks.parquet rows and binned merits are an uninterrupted run's.
     */
    Optional<RefinedStage.Result> resumeRefined(MicTask t, Configuration conf) {
        try {
            JsonNode n = current(t, conf);
            if (n == null) return Optional.empty();
            Pass2Outcome out = new Pass2Outcome(t.index(), t.name(), n.get("nptcls").asInt(), text(n, "box"), text(n, "coords"),
                    text(n, "thumb"), null);
            if (!allExist(conf, out.boxfile(), out.coordFile(), out.thumb())) return Optional.empty();
            int[] x = ints(n.get("x")), y = ints(n.get("y"));
            double[] m = doubles(n.get("merit"));
            java.util.List<org.segdiampick.pick.refined.RefinedPick> picks = new java.util.ArrayList<>(x.length);
            org.segdiampick.pick.refined.ScoreHistogram merits = new org.segdiampick.pick.refined.ScoreHistogram();
            for (int i = 0; i < x.length; i++) {
                picks.add(new org.segdiampick.pick.refined.RefinedPick(x[i], y[i], m[i]));
                merits.add(m[i]);
            }
            if (picks.size() != out.nptcls()) return Optional.empty();
            Pass1Outcome p = new Pass1Outcome(t.index(), t.name(), Pass1Outcome.Status.valueOf(n.get("status").asText()), null,
                    Particles.NONE, n.get("raw_nx").asInt(), n.get("raw_ny").asInt(), null, null, null, null, null, 0,
                    text(n, "executor"), n.get("millis").asLong());
            return Optional.of(new RefinedStage.Result(p, out, java.util.List.copyOf(picks), merits, true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // none, unreadable or another kind: pick again, and the new record replaces it
        }
    }

    /** Campaign mode: records {@code r}, the finished refined result of {@code t} (not a failure), atomically. */
    void recordRefined(MicTask t, RefinedStage.Result r, Configuration conf) {
        if (r.pick() == null || r.pick().failed() || r.repick() == null || r.repick().failed()) return;
        write(t, conf, key -> {
            Pass1Outcome p = r.pick();
            Pass2Outcome o = r.repick();
            ObjectNode n = JSON.createObjectNode();
            n.put("key", key).put("name", p.name()).put("status", p.status().name())
                    .put("raw_nx", p.rawNx()).put("raw_ny", p.rawNy()).put("executor", p.executorId()).put("millis", p.millis())
                    .put("nptcls", o.nptcls()).put("box", o.boxfile()).put("coords", o.coordFile()).put("thumb", o.thumb());
            ArrayNode x = n.putArray("x"), y = n.putArray("y"), m = n.putArray("merit");
            for (org.segdiampick.pick.refined.RefinedPick k : r.kept()) {
                x.add(k.x());
                y.add(k.y());
                m.add(k.figureOfMerit());
            }
            return n;
        });
    }

    /** The record of {@code t} if it is one for the micrograph and options as they are now, else null (also when absent). */
    private JsonNode current(MicTask t, Configuration conf) throws IOException {
        byte[] bytes;
        try {
            bytes = Storage.readAll(file(t), conf);
        } catch (IOException e) {
            return null; // none or unreadable: pick again, and the new record replaces it
        }
        JsonNode n = JSON.readTree(bytes);
        return n != null && key(t, conf).equals(n.path("key").asText()) ? n : null;
    }

    /** True when every named output (nulls skipped) is still on storage. */
    private static boolean allExist(Configuration conf, String... files) throws IOException {
        for (String f : files) if (f != null && !Storage.exists(f, conf)) return false;
        return true;
    }

    /** The record that {@code json} builds from the micrograph's current key, replacing the old one atomically. */
    private void write(MicTask t, Configuration conf, Json json) {
        String target = file(t);
        StorageFailure.writing(target, () -> {
            Storage.replaceAtomically(target, JSON.writeValueAsBytes(json.of(key(t, conf))), conf);
            return null;
        });
    }

    @FunctionalInterface
    private interface Json {
        ObjectNode of(String key) throws IOException;
    }

    /** The key of {@code t} as the micrograph is now. */
    String key(MicTask t, Configuration conf) throws IOException {
        long size = -1, mtime = -1;
        try {
            Path p = Storage.path(t.intg());
            FileStatus st = Storage.fileSystem(p, conf).getFileStatus(p);
            size = st.getLen();
            mtime = st.getModificationTime();
        } catch (FileNotFoundException e) {
            // a missing micrograph fails and is never checkpointed; the key still exists
        }
        return Sha256.ofStrings(optionsDigest, t.intg(), Double.toString(t.smpd()), t.name(), Long.toString(size), Long.toString(mtime),
                String.valueOf(t.cachedDen()), String.valueOf(t.cachedTopo()), String.valueOf(t.cachedBin()), String.valueOf(t.cachedDiam()));
    }

    private static ObjectNode toJson(String key, Pass1Outcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", key).put("name", o.name()).put("status", o.status().name());
        Particles p = o.particles();
        ArrayNode d = n.putArray("diameters");
        for (double v : p.diameters()) d.add(v);
        if (p.x() != null) {
            ArrayNode x = n.putArray("x"), y = n.putArray("y");
            for (int i = 0; i < p.size(); i++) {
                x.add(p.x()[i]);
                y.add(p.y()[i]);
            }
        }
        if (p.merit() != null) {
            ArrayNode m = n.putArray("merit");
            for (double v : p.merit()) m.add(v);
        }
        n.put("raw_nx", o.rawNx()).put("raw_ny", o.rawNy()).put("den", o.den()).put("topo", o.topo()).put("bin", o.bin())
                .put("diam", o.diam()).put("thumb", o.thumb()).put("carbon_fraction", o.carbonFraction())
                .put("executor", o.executorId()).put("millis", o.millis());
        return n;
    }

    private static Pass1Outcome fromJson(MicTask t, JsonNode n) {
        double[] d = doubles(n.get("diameters"));
        int[] x = n.has("x") ? ints(n.get("x")) : null, y = n.has("y") ? ints(n.get("y")) : null;
        double[] m = n.has("merit") ? doubles(n.get("merit")) : null;
        return new Pass1Outcome(t.index(), t.name(), Pass1Outcome.Status.valueOf(n.get("status").asText()), null,
                new Particles(d, x, y, m), n.get("raw_nx").asInt(), n.get("raw_ny").asInt(), text(n, "den"), text(n, "topo"),
                text(n, "bin"), text(n, "diam"), text(n, "thumb"), n.get("carbon_fraction").asDouble(), text(n, "executor"),
                n.get("millis").asLong());
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).doubleValue();
        return v;
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).intValue();
        return v;
    }
}
