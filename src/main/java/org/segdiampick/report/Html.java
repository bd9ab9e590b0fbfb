package org.segdiampick.report;

import java.util.Locale;

/** Escaping and number formatting for report.html (well-formed XML, so tests can parse it). */
final class Html {
    private Html() {
    }

    /** Escapes text and attribute values; names and error messages come from user files. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0 text; show them as U+FFFD.
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** SVG coordinate: fixed decimals, dot separator whatever the default locale. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A value for a table cell; NaN (empty cluster) shows as an em dash. */
    static String cell(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "\u2014";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
