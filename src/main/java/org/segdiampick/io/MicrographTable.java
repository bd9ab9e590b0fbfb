package org.segdiampick.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code micrographs.tsv}: one line per micrograph of a run, tab-separated with a header line, readable by
 * pandas ({@code read_csv(sep="\t")}), Spark and spreadsheets. Empty cells for absent values; tabs and line
 * breaks inside a value become spaces, so every record is exactly one line. Only results, no execution details
 * (executor, task time), so a rerun writes the same bytes.
 */
public final class MicrographTable {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("micrograph", "name", "status", "pass1_particles", "nptcls",
            "boxfile", "coordinates", "thumbnail", "carbon_fraction", "failed_stage", "error");

    private final Writer w;

    public MicrographTable(OutputStream out) throws IOException {
        w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(String.join("\t", COLUMNS));
        w.write('\n');
    }

    /** One row; {@code values} in {@link #COLUMNS} order, null for empty. */
    public void row(Object... values) throws IOException {
        if (values.length != COLUMNS.size())
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " values, got " + values.length);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) w.write('\t');
            if (values[i] != null) w.write(clean(String.valueOf(values[i])));
        }
        w.write('\n');
    }

    /** Flushes (the stream stays open). */
    public void finish() throws IOException {
        w.flush();
    }

    static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                if (b == null) b = new StringBuilder(s.substring(0, i));
                b.append(' ');
            } else if (b != null) b.append(c);
        }
        return b == null ? s : b.toString();
    }
}
