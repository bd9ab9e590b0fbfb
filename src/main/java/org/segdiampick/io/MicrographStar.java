package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The micrograph list of a RELION micrographs STAR file, both layouts:
 * <ul>
 *   <li>RELION 3.0: one loop (normally in {@code data_}) with {@code _rlnMicrographName} and, per row,
 *   {@code _rlnPixelSize} or {@code _rlnDetectorPixelSize} (µm) with {@code _rlnMagnification}
 *   (smpd = 10⁴·detector pixel / magnification);</li>
 *   <li>RELION 3.1+: {@code data_optics} ({@code _rlnOpticsGroup}, {@code _rlnMicrographPixelSize} or else
 *   {@code _rlnImagePixelSize}) and {@code data_micrographs} ({@code _rlnMicrographName},
 *   {@code _rlnOpticsGroup}).</li>
 * </ul>
 * Relative micrograph paths are resolved against the STAR file's folder (RELION resolves them against its
 * project folder, which is where a STAR file given to us normally lives or is copied to).
 */
public final class MicrographStar {
    /** A micrograph path (absolute path or URI) and its pixel size in Å/px, null when the file gives none. */
    public record Entry(String path, Double smpd) {
    }

    private MicrographStar() {
    }

    public static List<Entry> read(String uri, Configuration conf) throws IOException {
        return entries(StarFile.read(uri, conf), Storage.path(uri).getParent());
    }

    /** Entries of a parsed file; relative names resolve against {@code dir} (may be null: names kept). */
    public static List<Entry> entries(StarFile star, Path dir) {
        String src = star.source();
        StarFile.Block mics = star.block("micrographs");
        StarFile.Block optics = star.block("optics");
        StarFile.Loop loop = mics != null ? mics.loopWith("_rlnMicrographName") : null;
        if (loop == null) {
            for (StarFile.Block b : star.blocks()) {
                loop = b.loopWith("_rlnMicrographName");
                if (loop != null) break;
            }
        }
        if (loop == null) throw new InputFormatException(src, "no loop with _rlnMicrographName: not a micrographs STAR file");
        Map<String, Double> groupSmpd = optics != null ? opticsPixelSizes(optics, src) : Map.of();
        int cName = loop.column("_rlnMicrographName");
        int cGroup = loop.column("_rlnOpticsGroup");
        int cPix = loop.column("_rlnPixelSize");
        int cDet = loop.column("_rlnDetectorPixelSize");
        int cMag = loop.column("_rlnMagnification");
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < loop.size(); i++) {
            int line = loop.rowLine(i);
            Double smpd = null;
            if (optics != null && cGroup >= 0) {
                String g = loop.value(i, cGroup);
                if (!groupSmpd.containsKey(g))
                    throw new InputFormatException(src, line, "optics group " + g + " is not in data_optics");
                smpd = groupSmpd.get(g);
            } else if (cPix >= 0) {
                smpd = positive(loop.value(i, cPix), "_rlnPixelSize", src, line);
            } else if (cDet >= 0 && cMag >= 0) {
                double det = positive(loop.value(i, cDet), "_rlnDetectorPixelSize", src, line);
                double mag = positive(loop.value(i, cMag), "_rlnMagnification", src, line);
                smpd = det * 1e4 / mag;
            }
            out.add(new Entry(resolve(loop.value(i, cName), dir), smpd));
        }
        return out;
    }

    private static Map<String, Double> opticsPixelSizes(StarFile.Block optics, String src) {
        StarFile.Loop l = optics.loopWith("_rlnOpticsGroup");
        if (l == null) throw new InputFormatException(src, optics.line(), "data_optics has no loop with _rlnOpticsGroup");
        int cg = l.column("_rlnOpticsGroup");
        int cp = l.column("_rlnMicrographPixelSize");
        String label = "_rlnMicrographPixelSize";
        if (cp < 0) {
            cp = l.column("_rlnImagePixelSize");
            label = "_rlnImagePixelSize";
        }
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < l.size(); i++)
            m.put(l.value(i, cg), cp < 0 ? null : positive(l.value(i, cp), label, src, l.rowLine(i)));
        return m;
    }

    private static double positive(String v, String label, String src, int line) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InputFormatException(src, line, label + " '" + v + "' is not a number");
        }
        if (!(d > 0) || !Double.isFinite(d)) throw new InputFormatException(src, line, label + " must be positive, got " + v);
        return d;
    }

    private static String resolve(String name, Path dir) {
        if (dir == null) return name;
        if (name.matches("^[A-Za-z][A-Za-z0-9+.\\-]+:.*")) return Storage.absolute(name);
        // An absolute name keeps the STAR file's file system (a list on s3a names objects in its bucket).
        return Storage.display(new Path(dir, name));
    }
}
