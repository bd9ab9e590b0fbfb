package org.segdiampick.report;

import java.util.Locale;

import static org.segdiampick.report.Html.cell;
import static org.segdiampick.report.Html.esc;
import static org.segdiampick.report.Html.num;

/**
 * The refined picker's section of report.html: the batch's score histogram (the candidates the threshold was
 * fitted to, grey; the figures of merit of the picks written, blue) on a logarithmic score axis, with the threshold
 * drawn. Fixed bins, so the drawing has the same size whatever the batch.
 */
final class ScoreHistogramSvg {
    private static final int WIDTH = 640, HEIGHT = 220, LEFT = 50, BOTTOM = 30, TOP = 10, RIGHT = 10;

    private ScoreHistogramSvg() {
    }

    static void section(StringBuilder s, ReportModel.Refined r) {
        s.append("<h2 id=\"scores\">Refined picks: scores and threshold</h2>\n");
        s.append("<p class=\"legend\">");
        if (r.candidates() != null)
            s.append("<span><i class=\"swatch\" style=\"background:#b8b8b8\"></i>candidates at the detection size (")
                    .append(total(r.candidates())).append(")</span>");
        s.append("<span><i class=\"swatch\" style=\"background:#2b6cb0\"></i>picks written (").append(total(r.picks()))
                .append(")</span><span><i class=\"swatch\" style=\"background:#c53030\"></i>threshold ")
                .append(esc(cell(r.threshold(), 2))).append(" (").append(esc(r.thresholdSource())).append(")</span></p>\n");
        double[] e = r.binEdges();
        int n = r.picks().length, lo = n, hi = -1;
        for (int b = 0; b < n; b++)
            if (r.picks()[b] > 0 || (r.candidates() != null && r.candidates()[b] > 0)) {
                lo = Math.min(lo, b);
                hi = Math.max(hi, b);
            }
        int tb = bin(e, r.threshold());
        if (hi < 0) {
            lo = Math.max(0, tb - 1);
            hi = Math.min(n - 1, tb + 1);
        }
        lo = Math.min(lo, tb);
        hi = Math.max(hi, tb);
        long max = 1;
        for (int b = lo; b <= hi; b++) max = Math.max(max, Math.max(r.picks()[b], r.candidates() == null ? 0 : r.candidates()[b]));
        double plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM, barW = plotW / (hi - lo + 1);
        double x0 = Math.log(e[lo]), x1 = Math.log(e[hi + 1]);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"score-histogram\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">\n");
        for (int b = lo; b <= hi; b++) {
            double x = LEFT + (b - lo) * barW;
            if (r.candidates() != null) bar(s, x, barW, r.candidates()[b] * plotH / max, "#b8b8b8");
            bar(s, x, barW, r.picks()[b] * plotH / max, "#2b6cb0");
        }
        double tx = LEFT + (Math.log(Math.max(r.threshold(), e[0])) - x0) / (x1 - x0) * plotW;
        tx = Math.max(LEFT, Math.min(LEFT + plotW, tx));
        s.append("<line class=\"threshold\" style=\"stroke:#c53030;stroke-width:2\" x1=\"").append(num(tx)).append("\" y1=\"")
                .append(TOP).append("\" x2=\"").append(num(tx)).append("\" y2=\"").append(num(TOP + plotH)).append("\"/>\n");
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(num(TOP + plotH)).append("\" x2=\"")
                .append(num(LEFT + plotW)).append("\" y2=\"").append(num(TOP + plotH)).append("\"/>\n");
        // ticks at the edges of a few bins, in score units
        int step = Math.max(1, (hi - lo + 1) / 6);
        for (int b = lo; b <= hi + 1; b += step) {
            double x = LEFT + (b - lo) * barW;
            s.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(num(TOP + plotH + 14))
                    .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%.2g", e[b])).append("</text>\n");
        }
        s.append("<text class=\"axis-label\" x=\"").append(num(LEFT + plotW / 2)).append("\" y=\"").append(HEIGHT - 2)
                .append("\" text-anchor=\"middle\">figure of merit (robust z-score, log scale)</text>\n");
        s.append("<text class=\"tick\" x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + 10).append("\" text-anchor=\"end\">")
                .append(max).append("</text>\n");
        s.append("</svg>\n");
    }

    private static void bar(StringBuilder s, double x, double w, double h, String colour) {
        if (h <= 0) return;
        s.append("<rect style=\"fill:").append(colour).append(";fill-opacity:0.85\" x=\"").append(num(x)).append("\" y=\"")
                .append(num(TOP + (HEIGHT - TOP - BOTTOM) - h)).append("\" width=\"").append(num(Math.max(0.5, w - 0.5)))
                .append("\" height=\"").append(num(h)).append("\"/>\n");
    }

    /** The bin holding score v (clamped to the ends). */
    private static int bin(double[] edges, double v) {
        for (int b = 0; b < edges.length - 1; b++) if (v < edges[b + 1]) return b;
        return edges.length - 2;
    }

    private static long total(long[] c) {
        long t = 0;
        for (long v : c) t += v;
        return t;
    }
}
