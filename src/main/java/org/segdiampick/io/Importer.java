package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the project's micrograph records ({@code intg} = absolute path or URI, {@code smpd}, {@code state = 1})
 * from a RELION micrographs STAR file (3.0 or 3.1+), a folder (all {@code *.mrc}, sorted by name), a glob of
 * {@code .mrc} files (sorted) or a single {@code .mrc} file.
 *
 * <p>Pixel size: from the STAR file when it has one ({@code smpd} must then agree with it, or be omitted), from
 * {@code smpd} otherwise; for folders and globs {@code smpd} wins, else each MRC header's pixel size. One
 * project has one pixel size, as SIMPLE's project has (algorithm §3.1 "smpd = project pixel size"), so
 * sizes differing by more than 1e-3 relative are an error. Every micrograph's header is checked (a readable
 * 2-D MRC), so a bad file is reported at import, not halfway through a run.
 */
public final class Importer {
    /** Relative tolerance under which two pixel sizes are the same. */
    public static final double SMPD_TOLERANCE = 1e-3;

    private Importer() {
    }

    public static List<MicRecord> importMics(String mics, Double smpd, Configuration conf) throws IOException {
        if (smpd != null && !(smpd > 0 && Double.isFinite(smpd)))
            throw new IllegalArgumentException("--smpd must be positive, got " + smpd);
        List<MicRecord> out = mics.toLowerCase(Locale.ROOT).endsWith(".star") ? fromStar(mics, smpd, conf)
                : fromMrcFiles(mics, mrcFiles(mics, conf), smpd, conf);
        if (out.isEmpty()) throw new InputFormatException(mics, "no micrographs found");
        checkOnePixelSize(out, mics);
        return out;
    }

    private static List<MicRecord> fromStar(String star, Double smpd, Configuration conf) throws IOException {
        if (!Storage.exists(star, conf)) throw new InputFormatException(star, "no such STAR file");
        List<MicrographStar.Entry> entries = MicrographStar.read(star, conf);
        List<MicRecord> out = new ArrayList<>();
        for (MicrographStar.Entry e : entries) {
            Double s = e.smpd();
            if (s == null && smpd == null)
                throw new InputFormatException(star, "the STAR file gives no pixel size for " + e.path() + "; give --smpd");
            if (s != null && smpd != null && differ(s, smpd))
                throw new InputFormatException(star, "--smpd " + smpd + " contradicts the pixel size " + s
                        + " of " + e.path() + " in the STAR file");
            checkHeader(e.path(), conf);
            out.add(MicRecord.of(e.path(), s != null ? s : smpd));
        }
        return out;
    }

    private static List<String> mrcFiles(String mics, Configuration conf) throws IOException {
        if (mics.matches(".*[*?\\[{].*")) {
            List<String> out = new ArrayList<>();
            for (String f : Storage.glob(mics, conf)) if (f.toLowerCase(Locale.ROOT).endsWith(".mrc")) out.add(f);
            return out;
        }
        if (Storage.isDirectory(mics, conf)) return Storage.listFiles(mics, ".mrc", conf);
        if (Storage.exists(mics, conf)) {
            if (!mics.toLowerCase(Locale.ROOT).endsWith(".mrc"))
                throw new InputFormatException(mics, "expected a micrographs STAR file, a folder, a glob or an .mrc file");
            return List.of(Storage.absolute(mics));
        }
        throw new InputFormatException(mics, "no such file or folder");
    }

    private static List<MicRecord> fromMrcFiles(String mics, List<String> files, Double smpd, Configuration conf)
            throws IOException {
        List<MicRecord> out = new ArrayList<>();
        for (String f : files) {
            MrcHeader h = checkHeader(f, conf);
            Double s = smpd != null ? smpd : h.pixelSizeX();
            if (s == null) throw new InputFormatException(f, "no pixel size in the MRC header; give --smpd");
            out.add(MicRecord.of(f, s));
        }
        return out;
    }

    private static MrcHeader checkHeader(String mic, Configuration conf) throws IOException {
        try {
            return MrcReader.read(mic, conf, MrcReader.Options.HEADER).header();
        } catch (java.io.FileNotFoundException e) {
            throw new InputFormatException(mic, "micrograph not found");
        }
    }

    private static void checkOnePixelSize(List<MicRecord> recs, String mics) {
        MicRecord first = recs.get(0);
        for (MicRecord r : recs)
            if (differ(r.smpd(), first.smpd()))
                throw new InputFormatException(mics, "mixed pixel sizes: " + first.smpd() + " Å (" + first.intg() + ") and "
                        + r.smpd() + " Å (" + r.intg() + "); import them as separate projects");
    }

    private static boolean differ(double a, double b) {
        return Math.abs(a - b) > SMPD_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
}
