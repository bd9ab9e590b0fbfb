package org.segdiampick.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-micrograph diameter text file (algorithm §3.2): uncorrected pick-time diameters in Å.
 *
 * <p>Writing follows SIMPLE's layout (one data line, every value as Fortran {@code G14.7} plus one blank),
 * so SIMPLE can import our files. Reading is permissive: any whitespace between numbers, any number of
 * values per line, blank lines and {@code #} comments (from {@code #} to the end of the line); unlike
 * SIMPLE nothing is truncated (decisions.md B-16). Values must be finite and ≥ 0.
 */
public final class DiameterFile {

    private static final int SIGNIFICANT = 7;

    private DiameterFile() {
    }

    /** Writes the diameters as one {@code G14.7 + blank} line (an empty line for none). */
    public static void write(double[] uncorrected, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder(16);
        for (double v : uncorrected) {
            if (!Double.isFinite(v) || v < 0) throw new IllegalArgumentException("diameter " + v + " cannot be written");
            sb.setLength(0);
            w.write(g14_7(v, sb));
            w.write(' ');
        }
        w.write('\n');
        w.flush();
    }

    /**
     * Fortran {@code G14.7} (F2008 10.7.5.2.2, round to nearest): fixed point {@code F10.(7−s)} plus four
     * blanks when the value rounded to 7 digits lies in [0.1, 10^7) (s = its number of integer digits),
     * {@code F10.6} plus four blanks for 0, otherwise {@code E14.7} (e.g. {@code " 0.1234567E+08"}).
     */
    static String g14_7(double v, StringBuilder sb) {
        if (v == 0) return "  0.000000    ";
        BigDecimal r = new BigDecimal(v).round(new MathContext(SIGNIFICANT, RoundingMode.HALF_EVEN));
        int s = r.precision() - r.scale(); // r = 0.d1d2… × 10^s
        String body;
        if (s >= 0 && s <= SIGNIFICANT) {
            body = r.setScale(SIGNIFICANT - s, RoundingMode.UNNECESSARY).toPlainString();
            if (s == SIGNIFICANT) body += "."; // F10.0 still prints the decimal point
            pad(sb, body, 10);
            sb.append("    ");
        } else {
            String digits = r.unscaledValue().abs().toString();
            while (digits.length() < SIGNIFICANT) digits += "0";
            String exp = Math.abs(s) <= 99 ? String.format("E%s%02d", s < 0 ? "-" : "+", Math.abs(s))
                : String.format("%s%03d", s < 0 ? "-" : "+", Math.abs(s));
            body = (v < 0 ? "-" : "") + "0." + digits.substring(0, SIGNIFICANT) + exp;
            pad(sb, body, 14);
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, String body, int width) {
        for (int i = body.length(); i < width; i++) sb.append(' ');
        sb.append(body);
    }

    /**
     * Reads every number of a diameter file.
     *
     * @param sourceName file name used in error messages
     * @throws InputFormatException naming the source and 1-based line for a malformed, non-finite or
     *                              negative value, or when the reader fails
     */
    public static double[] read(Reader r, String sourceName) {
        double[] buf = new double[64];
        int n = 0;
        long line = 1;
        char[] chunk = new char[1 << 16];
        StringBuilder token = new StringBuilder(32);
        boolean comment = false;
        try {
            int len;
            while (true) {
                len = r.read(chunk);
                if (len < 0) break;
                for (int i = 0; i < len; i++) {
                    char ch = chunk[i];
                    if (ch == '\n' || ch == '\r' || ch == '#' || Character.isWhitespace(ch)) {
                        if (token.length() > 0) {
                            if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
                            buf[n++] = parse(token, sourceName, line);
                            token.setLength(0);
                        }
                        if (ch == '\n') {
                            line++;
                            comment = false;
                        } else if (ch == '#') {
                            comment = true;
                        }
                    } else if (!comment) {
                        token.append(ch);
                    }
                }
            }
            if (token.length() > 0) {
                if (n == buf.length) buf = Arrays.copyOf(buf, n + 1);
                buf[n++] = parse(token, sourceName, line);
            }
        } catch (IOException e) {
            throw new InputFormatException(sourceName, line, "cannot read: " + e.getMessage(), e);
        }
        return Arrays.copyOf(buf, n);
    }

    /** A decimal number, optionally with a Fortran D exponent; no hex, no NaN/Infinity words, no suffixes. */
    private static double parse(CharSequence tok, String source, long line) {
        String s = tok.toString();
        if (!isDecimal(s)) {
            throw new InputFormatException(source, line, "not a number: '" + abbreviate(s) + "'");
        }
        double v = Double.parseDouble(s.replace('d', 'e').replace('D', 'e'));
        if (!Double.isFinite(v)) throw new InputFormatException(source, line, "diameter out of range: " + abbreviate(s));
        if (v < 0) throw new InputFormatException(source, line, "negative diameter: " + abbreviate(s));
        return v;
    }

    private static boolean isDecimal(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
                digits++;
            }
        }
        if (digits == 0) return false;
        if (i < n && "eEdD".indexOf(s.charAt(i)) >= 0) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int e = 0;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
                e++;
            }
            if (e == 0) return false;
        }
        return i == n;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Convenience for tests and small callers: {@link #write} into a string. */
    static String toText(double[] uncorrected) {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try {
            write(uncorrected, bos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toString(StandardCharsets.US_ASCII);
    }
}
