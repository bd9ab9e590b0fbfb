package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A STAR file as RELION writes it: {@code data_} blocks holding key-value pairs ({@code _rlnKey value}) and
 * {@code loop_} tables ({@code _rlnLabel #n} lines, then one row per line). Comments start with {@code #};
 * values may be quoted with {@code '} or {@code "} (a quote closes only before whitespace or the line end).
 *
 * <p>Deliberately narrower than full STAR: a loop row must sit on one line (RELION's layout), and
 * {@code ;}-delimited multi-line text fields, {@code global_} and {@code save_} frames are rejected with the
 * line number rather than misread.
 */
public final class StarFile {
    private final String source;
    private final List<Block> blocks;

    private StarFile(String source, List<Block> blocks) {
        this.source = source;
        this.blocks = Collections.unmodifiableList(blocks);
    }

    /** A {@code data_name} block. */
    public static final class Block {
        private final String name;
        private final int line;
        private final Map<String, String> pairs = new LinkedHashMap<>();
        private final Map<String, Integer> pairLines = new LinkedHashMap<>();
        private final List<Loop> loops = new ArrayList<>();

        Block(String name, int line) {
            this.name = name;
            this.line = line;
        }

        /** The block name without {@code data_} (empty for RELION 3.0's bare {@code data_}). */
        public String name() {
            return name;
        }

        public int line() {
            return line;
        }

        /** Key-value pairs, keys as written (with the leading underscore). */
        public Map<String, String> pairs() {
            return Collections.unmodifiableMap(pairs);
        }

        /** The value of key {@code label} (with or without the leading underscore), or null. */
        public String pair(String label) {
            return pairs.get(normalise(label));
        }

        /** The 1-based line of key {@code label}, or 0 if absent. */
        public int pairLine(String label) {
            return pairLines.getOrDefault(normalise(label), 0);
        }

        public List<Loop> loops() {
            return Collections.unmodifiableList(loops);
        }

        /** The first loop that has a column {@code label}, or null. */
        public Loop loopWith(String label) {
            for (Loop l : loops) if (l.column(label) >= 0) return l;
            return null;
        }
    }

    /** A {@code loop_} table. */
    public static final class Loop {
        private final int line;
        private final List<String> labels = new ArrayList<>();
        private final List<String[]> rows = new ArrayList<>();
        private final List<Integer> rowLines = new ArrayList<>();

        Loop(int line) {
            this.line = line;
        }

        public int line() {
            return line;
        }

        /** Column labels as written, with the leading underscore. */
        public List<String> labels() {
            return Collections.unmodifiableList(labels);
        }

        /** 0-based column of {@code label} (with or without the underscore), or −1. */
        public int column(String label) {
            return labels.indexOf(normalise(label));
        }

        public int size() {
            return rows.size();
        }

        public String value(int row, int column) {
            return rows.get(row)[column];
        }

        /** The value in column {@code label} of row {@code row}, or null if there is no such column. */
        public String value(int row, String label) {
            int c = column(label);
            return c < 0 ? null : rows.get(row)[c];
        }

        /** The 1-based file line of row {@code row}. */
        public int rowLine(int row) {
            return rowLines.get(row);
        }
    }

    private static String normalise(String label) {
        return label.startsWith("_") ? label : "_" + label;
    }

    public String source() {
        return source;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The block {@code data_name} ({@code name} without the prefix), or null. */
    public Block block(String name) {
        for (Block b : blocks) if (b.name.equals(name)) return b;
        return null;
    }

    public static StarFile read(String uri, Configuration conf) throws IOException {
        return parse(new StringReader(new String(Storage.readAll(uri, conf), StandardCharsets.UTF_8)), uri);
    }

    public static StarFile parse(Reader reader, String source) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Block block = null;
        Loop loop = null;
        boolean inLabels = false;
        BufferedReader r = new BufferedReader(reader);
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.startsWith(";"))
                throw new InputFormatException(source, no, "multi-line ';' text fields are not supported");
            List<String> tok = tokens(line, source, no);
            if (tok.isEmpty()) continue;
            String first = tok.get(0);
            String lower = first.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("data_")) {
                if (tok.size() > 1) throw new InputFormatException(source, no, "unexpected text after " + first);
                block = new Block(first.substring(5), no);
                blocks.add(block);
                loop = null;
                inLabels = false;
            } else if (lower.equals("loop_")) {
                if (block == null) throw new InputFormatException(source, no, "loop_ before any data_ block");
                if (tok.size() > 1) throw new InputFormatException(source, no, "unexpected text after loop_");
                loop = new Loop(no);
                block.loops.add(loop);
                inLabels = true;
            } else if (lower.startsWith("global_") || lower.startsWith("save_")) {
                throw new InputFormatException(source, no, first + " frames are not supported");
            } else if (first.startsWith("_")) {
                if (block == null) throw new InputFormatException(source, no, "label " + first + " before any data_ block");
                if (inLabels) {
                    if (tok.size() > 1) throw new InputFormatException(source, no, "unexpected text after loop label " + first);
                    if (loop.labels.contains(first)) throw new InputFormatException(source, no, "duplicate loop label " + first);
                    loop.labels.add(first);
                } else {
                    loop = null; // a key after a loop's rows ends the loop
                    if (tok.size() != 2)
                        throw new InputFormatException(source, no, "expected '" + first + " value', found " + tok.size() + " items");
                    if (block.pairs.containsKey(first)) throw new InputFormatException(source, no, "duplicate key " + first);
                    block.pairs.put(first, tok.get(1));
                    block.pairLines.put(first, no);
                }
            } else {
                if (loop == null) throw new InputFormatException(source, no, "value '" + first + "' outside a loop");
                if (loop.labels.isEmpty()) throw new InputFormatException(source, no, "loop_ without labels");
                inLabels = false;
                if (tok.size() != loop.labels.size())
                    throw new InputFormatException(source, no, "row has " + tok.size() + " values, the loop has "
                            + loop.labels.size() + " columns");
                loop.rows.add(tok.toArray(new String[0]));
                loop.rowLines.add(no);
            }
        }
        if (inLabels && loop != null && loop.labels.isEmpty())
            throw new InputFormatException(source, loop.line, "loop_ without labels");
        return new StarFile(source, blocks);
    }

    /** Whitespace-separated items of one line, comments removed, quotes stripped. */
    static List<String> tokens(String line, String source, int no) {
        List<String> out = new ArrayList<>();
        int i = 0, n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') break;
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && !(line.charAt(j) == c && (j + 1 == n || Character.isWhitespace(line.charAt(j + 1))))) j++;
                if (j >= n) throw new InputFormatException(source, no, "unterminated quoted value");
                out.add(line.substring(i + 1, j));
                i = j + 1;
                continue;
            }
            int j = i;
            while (j < n && !Character.isWhitespace(line.charAt(j))) j++;
            out.add(line.substring(i, j));
            i = j;
        }
        return out;
    }

    /** A value as written to a STAR file: quoted when empty or when it contains whitespace or starts a comment. */
    static String quote(String v) {
        boolean plain = !v.isEmpty() && v.chars().noneMatch(Character::isWhitespace)
                && "#'\"_".indexOf(v.charAt(0)) < 0 && !v.toLowerCase(java.util.Locale.ROOT).startsWith("data_")
                && !v.equalsIgnoreCase("loop_");
        if (plain) return v;
        if (v.indexOf('"') < 0) return "\"" + v + "\"";
        return "'" + v + "'";
    }
}
