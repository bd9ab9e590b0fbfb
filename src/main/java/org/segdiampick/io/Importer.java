package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the project's micrograph records ({@code intg} = absolute path or URI, {@code smpd}, {@code state = 1})
 * from a RELION micrographs STAR file (3.0 or 3.1+), a folder (all {@code *.mrc}, sorted by name), a glob of
 * {@code .mrc} files (sorted) or a single {@code .mrc} file.
 *
 * <p>One file never stops an import: every micrograph is recorded, readable or not, and stage 1 of the run
 * marks an unreadable one ({@code state = 0} with its error), as it does for any micrograph of a project. The
 * import reads no pixel data; it reads the 1024-byte MRC header only when it needs the pixel size from it.
 * Entries that are not regular files (folders named {@code *.mrc}, named pipes, devices, sockets) are not
 * micrographs: they are skipped with a warning and never opened, since opening a pipe blocks forever. A
 * micrograph listed twice in a STAR file is recorded once, with a warning.
 *
 * <p>Pixel size: from the STAR file when it has one ({@code smpd} must then agree with it, or be omitted), from
 * {@code smpd} otherwise; for folders and globs {@code smpd} wins, else the MRC headers': the size more than half
 * of the readable headers give is the batch's, and a micrograph whose header gives none, cannot be read, or gives
 * another size is recorded with the batch's, with a warning (stage 1 then checks it as it checks any micrograph
 * of a project). Without such a majority the folder mixes data sets: an error.
 * One project has one pixel size, as SIMPLE's project has (algorithm §3.1 "smpd = project pixel size"), so
 * sizes that are not {@link PixelSize#same} are an error of the whole import, and so are a batch where no header
 * gives a pixel size and no {@code smpd} is given, and a pixel size outside {@link OptionRanges}' range.
 *
 * <p>Storage failures other than "not found" and "permission denied" (network, file system) are not problems
 * of one micrograph: they fail the import with the IOException.
 */
public final class Importer {
    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    /** The records of an import and what the user should know about it (one line each, naming the file). */
    public record Result(List<MicRecord> records, List<String> warnings) {
        public Result {
            records = List.copyOf(records);
            warnings = List.copyOf(warnings);
        }
    }

    private Importer() {
    }

    /** {@link #importBatch}'s records; its warnings go to the log. */
    public static List<MicRecord> importMics(String mics, Double smpd, Configuration conf) throws IOException {
        Result r = importBatch(mics, smpd, conf);
        r.warnings().forEach(LOG::warn);
        return r.records();
    }

    public static Result importBatch(String mics, Double smpd, Configuration conf) throws IOException {
        if (smpd != null && !(smpd > 0 && Double.isFinite(smpd)))
            throw new IllegalArgumentException("--smpd must be positive, got " + smpd);
        List<String> warnings = new ArrayList<>();
        List<MicRecord> out = mics.toLowerCase(Locale.ROOT).endsWith(".star") ? fromStar(mics, smpd, conf, warnings)
                : fromMrcFiles(mics, mrcFiles(mics, conf, warnings), smpd, conf, warnings);
        if (out.isEmpty()) throw new InputFormatException(mics, "no micrographs found");
        checkOnePixelSize(out, mics);
        return new Result(out, warnings);
    }

    private static List<MicRecord> fromStar(String star, Double smpd, Configuration conf, List<String> warnings)
            throws IOException {
        if (!Storage.exists(star, conf)) throw new InputFormatException(star, "no such STAR file");
        List<MicrographStar.Entry> entries = MicrographStar.read(star, conf);
        Map<String, MicrographStar.Entry> unique = new LinkedHashMap<>();
        for (MicrographStar.Entry e : entries) {
            // one micrograph however its path is spelt, as the project reader counts them (which would refuse the import)
            MicrographStar.Entry first = unique.putIfAbsent(ProjectStore.identity(e.path()), e);
            if (first == null) continue;
            if (e.smpd() != null && first.smpd() != null && !PixelSize.same(e.smpd(), first.smpd()))
                throw new InputFormatException(star, e.path() + " is listed twice with different pixel sizes, "
                        + first.smpd() + " and " + e.smpd() + " Å");
            warnings.add(star + ": " + e.path() + " is listed more than once; recorded once");
        }
        List<MicRecord> out = new ArrayList<>();
        for (MicrographStar.Entry e : unique.values()) {
            Double s = e.smpd();
            if (s == null && smpd == null)
                throw new InputFormatException(star, "the STAR file gives no pixel size for " + e.path() + "; give --smpd");
            if (s != null && smpd != null && !PixelSize.same(s, smpd))
                throw new InputFormatException(star, "--smpd " + smpd + " contradicts the pixel size " + s
                        + " of " + e.path() + " in the STAR file");
            // A local entry is checked without opening it (a pipe would block); one on HDFS or S3 cannot be a
            // pipe, and is not checked here, which would cost one request per micrograph: stage 1 reports it.
            String notRegular = LocalFiles.notRegular(e.path());
            if (notRegular != null) {
                warnings.add(e.path() + ": " + notRegular + ", not a micrograph; skipped");
                continue;
            }
            out.add(MicRecord.of(e.path(), s != null ? s : smpd));
        }
        return out;
    }

    private static boolean isMrcName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".mrc");
    }

    /** The regular {@code .mrc} files of a glob, folder or single path; other entries of that name are warned about. */
    private static List<String> mrcFiles(String mics, Configuration conf, List<String> warnings) throws IOException {
        if (mics.matches(".*[*?\\[{].*")) return regularMrcFiles(Storage.globStatus(mics, conf), warnings);
        if (Storage.isDirectory(mics, conf)) return regularMrcFiles(Storage.listStatus(mics, conf), warnings);
        if (Storage.exists(mics, conf)) {
            if (!isMrcName(mics))
                throw new InputFormatException(mics, "expected a micrographs STAR file, a folder, a glob or an .mrc file");
            String abs = Storage.absolute(mics);
            String notRegular = LocalFiles.notRegular(abs);
            if (notRegular != null) throw new InputFormatException(mics, notRegular + ", not a micrograph");
            return List.of(abs);
        }
        throw new InputFormatException(mics, "no such file or folder");
    }

    private static List<String> regularMrcFiles(FileStatus[] entries, List<String> warnings) {
        List<String> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (FileStatus s : entries) {
            if (!isMrcName(s.getPath().getName())) continue;
            String f = Storage.display(s.getPath());
            // Hadoop's local file system calls a named pipe or a device a file: ask the operating system.
            String notRegular = s.isDirectory() ? "a folder" : LocalFiles.notRegular(f);
            if (notRegular == null) out.add(f);
            else skipped.add(f + ": " + notRegular + ", not a micrograph; skipped");
        }
        out.sort(null);
        skipped.sort(null);
        warnings.addAll(skipped);
        return out;
    }

    private static List<MicRecord> fromMrcFiles(String mics, List<String> files, Double smpd, Configuration conf,
                                                List<String> warnings) throws IOException {
        if (files.isEmpty()) return List.of();
        if (smpd != null) {
            List<MicRecord> out = new ArrayList<>();
            for (String f : files) out.add(MicRecord.of(f, smpd));
            return out;
        }
        Map<String, Double> sizes = new LinkedHashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        for (String f : files) {
            String problem;
            try {
                // Only a header that describes a readable 2-D image has a pixel size worth believing (the bytes
                // of a PNG named .mrc can read as any size): MrcReader checks that before returning the header.
                MrcHeader h = MrcReader.read(f, conf, MrcReader.Options.HEADER).header();
                Double s = h.pixelSizeX();
                if (s != null) {
                    sizes.put(f, s);
                    continue;
                }
                problem = "no pixel size in the MRC header";
            } catch (InputFormatException | FileNotFoundException | AccessDeniedException e) {
                problem = withoutPrefix(e.getMessage(), f);
            }
            unknown.put(f, problem);
        }
        if (sizes.isEmpty()) {
            Map.Entry<String, String> first = unknown.entrySet().iterator().next();
            throw new InputFormatException(mics, "no MRC header gives a pixel size (" + first.getKey() + ": "
                    + first.getValue() + (unknown.size() > 1 ? ", and " + (unknown.size() - 1) + " more" : "")
                    + "); give --smpd");
        }
        double batch = majorityPixelSize(sizes, mics);
        List<MicRecord> out = new ArrayList<>();
        for (String f : files) {
            Double s = sizes.get(f);
            if (s == null)
                warnings.add(f + ": " + unknown.get(f) + "; recorded with the batch's pixel size " + batch
                        + " Å (stage 1 of the run checks the micrograph)");
            else if (!PixelSize.same(s, batch))
                warnings.add(f + ": header pixel size " + s + " Å differs from the batch's " + batch
                        + " Å; recorded with " + batch + " Å (stage 1 of the run checks it against the header)");
            out.add(MicRecord.of(f, batch));
        }
        return out;
    }

    /**
     * The pixel size of more than half of the readable headers: one micrograph with another size is then a bad
     * micrograph of this batch, for stage 1 to mark, not a reason to stop the import; without such a majority the
     * folder mixes data sets, which is an error.
     */
    private static double majorityPixelSize(Map<String, Double> sizes, String mics) {
        Map<Double, Integer> votes = new LinkedHashMap<>();
        Map<Double, String> example = new HashMap<>();
        for (Map.Entry<String, Double> e : sizes.entrySet()) {
            Double group = null;
            for (Double g : votes.keySet()) if (PixelSize.same(g, e.getValue())) group = g;
            if (group == null) {
                group = e.getValue();
                example.put(group, e.getKey());
            }
            votes.merge(group, 1, Integer::sum);
        }
        Map.Entry<Double, Integer> best = null;
        for (Map.Entry<Double, Integer> v : votes.entrySet()) if (best == null || v.getValue() > best.getValue()) best = v;
        if (2 * best.getValue() > sizes.size()) return best.getKey();
        Map.Entry<Double, Integer> other = null;
        for (Map.Entry<Double, Integer> v : votes.entrySet()) if (!v.getKey().equals(best.getKey()) && other == null) other = v;
        throw new InputFormatException(mics, "mixed pixel sizes: " + best.getKey() + " Å (" + example.get(best.getKey()) + ") and "
                + other.getKey() + " Å (" + example.get(other.getKey()) + "), no size shared by most micrographs; "
                + "import them as separate projects");
    }

    private static String withoutPrefix(String message, String f) {
        String m = String.valueOf(message);
        return m.startsWith(f + ": ") ? m.substring(f.length() + 2) : m;
    }

    private static void checkOnePixelSize(List<MicRecord> recs, String mics) {
        MicRecord first = recs.get(0);
        // The sizes are one, so checking the first is checking all: a STAR or header value out of the range of
        // --smpd would make every micrograph fail in stage 1.
        if (!(first.smpd() >= OptionRanges.SMPD_MIN && first.smpd() <= OptionRanges.SMPD_MAX))
            throw new InputFormatException(mics, "pixel size " + first.smpd() + " Å/px (" + first.intg() + ") is not plausible ("
                    + OptionRanges.SMPD_MIN + " to " + OptionRanges.SMPD_MAX + " Å/px); give --smpd");
        for (MicRecord r : recs)
            if (!PixelSize.same(r.smpd(), first.smpd()))
                throw new InputFormatException(mics, "mixed pixel sizes: " + first.smpd() + " Å (" + first.intg() + ") and "
                        + r.smpd() + " Å (" + r.intg() + "); import them as separate projects");
    }
}
