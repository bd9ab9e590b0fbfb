package org.segdiampick.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SIMPLE's box file (algorithm §9.1): one particle per line, {@code x y box box d} with the lower-left corner
 * x = centreX − box/2, y = centreY − box/2 (integer division, 0-based raw pixels, may be negative) and the
 * pick-time diameter d in Å (uncorrected, decisions.md B-12), in Fortran format {@code (4I7,F8.1)}: a line of
 * 36 characters.
 *
 * <p>Deviation: where Fortran would print asterisks for a number too wide for its field, and where a value
 * fills its field exactly (so it would touch the previous one), this writer widens the field by a leading
 * blank; every field stays readable and separated. Realistic micrographs never reach 7-digit coordinates.
 */
public final class BoxFile {
    /** A particle to write: centre in raw pixels, diameter in Å. */
    public record BoxEntry(int centreX, int centreY, double diameter) {
    }

    /** A line read back: corner, box sizes, and the diameter (null for 4-column files). */
    public record BoxLine(double x, double y, double width, double height, Double diameter) {
        public double centreX() {
            return x + width / 2;
        }

        public double centreY() {
            return y + height / 2;
        }
    }

    private BoxFile() {
    }

    public static void write(List<BoxEntry> entries, int box, OutputStream out) throws IOException {
        if (box < 1) throw new IllegalArgumentException("box size must be positive, got " + box);
        StringBuilder sb = new StringBuilder(entries.size() * 37);
        for (BoxEntry e : entries) {
            field(sb, Integer.toString(e.centreX() - box / 2), 7);
            field(sb, Integer.toString(e.centreY() - box / 2), 7);
            field(sb, Integer.toString(box), 7);
            field(sb, Integer.toString(box), 7);
            field(sb, f1(e.diameter()), 8);
            sb.append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Fortran F.1: the exact binary value rounded half away from zero to one decimal. */
    static String f1(double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("diameter must be finite, got " + d);
        return new BigDecimal(d).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static void field(StringBuilder sb, String v, int width) {
        if (v.length() >= width) sb.append(' ');
        else sb.append(" ".repeat(width - v.length()));
        sb.append(v);
    }

    /** Reads a box file: whitespace-separated, 4 or 5 numeric columns per line; blank lines skipped. */
    public static List<BoxLine> read(Reader reader, String source) throws IOException {
        List<BoxLine> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        String line;
        long no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            String t = line.strip();
            if (t.isEmpty()) continue;
            String[] f = t.split("\\s+");
            if (f.length != 4 && f.length != 5)
                throw new InputFormatException(source, no, "a box line has 4 or 5 columns, found " + f.length);
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                try {
                    v[i] = Double.parseDouble(f[i]);
                } catch (NumberFormatException e) {
                    throw new InputFormatException(source, no, "column " + (i + 1) + " '" + f[i] + "' is not a number");
                }
                if (!Double.isFinite(v[i])) throw new InputFormatException(source, no, "column " + (i + 1) + " is not finite");
            }
            out.add(new BoxLine(v[0], v[1], v[2], v[3], f.length == 5 ? v[4] : null));
        }
        return out;
    }
}
