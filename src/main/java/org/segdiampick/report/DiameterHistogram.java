package org.segdiampick.report;

import static org.segdiampick.report.Html.esc;
import static org.segdiampick.report.Html.num;

import java.util.Locale;

/**
 * The SVG histogram of corrected diameters before and after the stage-3 filter, with the cluster
 * means (accepted ones highlighted) and the accepted bounds [diamMin, diamMax].
 */
final class DiameterHistogram {
    static final int WIDTH = 820;
    static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 46;

    private DiameterHistogram() {
    }

    /** Number of bins: Sturges-like growth with the sample, bounded so bars stay readable. */
    static int binCount(int n) {
        return Math.max(10, Math.min(60, (int) Math.ceil(2 * Math.sqrt(n))));
    }

    static String svg(ReportModel m) {
        double[] before = m.diametersBefore();
        double[] after = m.diametersAccepted();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : before) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        for (double d : new double[] {m.diamMin(), m.diamMax()}) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"histogram\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"Diameter histogram\">\n");
        if (!Double.isFinite(lo)) {
            s.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no diameters</text>\n</svg>\n");
            return s.toString();
        }
        if (hi - lo < 1e-9) {
            lo -= 1;
            hi += 1;
        }
        int bins = binCount(before.length);
        double binWidth = (hi - lo) / bins;
        int[] cBefore = counts(before, lo, binWidth, bins);
        int[] cAfter = counts(after, lo, binWidth, bins);
        int maxCount = 1;
        for (int c : cBefore) {
            maxCount = Math.max(maxCount, c);
        }
        for (int c : cAfter) {
            maxCount = Math.max(maxCount, c);
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double xPerA = plotW / (hi - lo);
        double yPerCount = plotH / maxCount;
        double baseY = TOP + plotH;

        s.append("<g class=\"bars-before\">\n");
        appendBars(s, cBefore, lo, binWidth, xPerA, yPerCount, baseY, "bar before", "all");
        s.append("</g>\n<g class=\"bars-accepted\">\n");
        appendBars(s, cAfter, lo, binWidth, xPerA, yPerCount, baseY, "bar accepted", "accepted");
        s.append("</g>\n");

        for (ReportModel.Cluster c : m.clusters()) {
            if (!Double.isFinite(c.mean())) {
                continue;
            }
            double x = LEFT + (c.mean() - lo) * xPerA;
            s.append("<line class=\"cluster-mean ").append(c.accepted() ? "accepted" : "rejected")
                    .append("\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                    .append("\" y1=\"").append(TOP).append("\" y2=\"").append(num(baseY)).append("\"><title>")
                    .append(esc(String.format(Locale.ROOT, "cluster %d: mean %.1f \u00c5, pop %d, %s",
                            c.index(), c.mean(), c.pop(), c.accepted() ? "accepted" : "rejected")))
                    .append("</title></line>\n");
        }
        appendBound(s, m.diamMin(), "diam_min", lo, xPerA, baseY);
        appendBound(s, m.diamMax(), "diam_max", lo, xPerA, baseY);

        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(num(baseY))
                .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(num(baseY)).append("\"/>\n");
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(num(baseY)).append("\"/>\n");
        for (int t = 0; t <= 5; t++) {
            double v = lo + (hi - lo) * t / 5;
            double x = LEFT + (v - lo) * xPerA;
            s.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(num(baseY + 16))
                    .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%.0f", v))
                    .append("</text>\n");
        }
        s.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 4)
                .append("\" text-anchor=\"end\">").append(maxCount).append("</text>\n");
        s.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(baseY))
                .append("\" text-anchor=\"end\">0</text>\n");
        s.append("<text class=\"axis-label\" x=\"").append(num(LEFT + plotW / 2)).append("\" y=\"")
                .append(HEIGHT - 8).append("\" text-anchor=\"middle\">corrected diameter (\u00c5)</text>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    static int[] counts(double[] values, double lo, double binWidth, int bins) {
        int[] c = new int[bins];
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            int b = (int) Math.floor((v - lo) / binWidth);
            c[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return c;
    }

    private static void appendBars(StringBuilder s, int[] counts, double lo, double binWidth, double xPerA,
            double yPerCount, double baseY, String cls, String what) {
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double x0 = LEFT + b * binWidth * xPerA;
            double h = counts[b] * yPerCount;
            s.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x0 + 0.5)).append("\" y=\"")
                    .append(num(baseY - h)).append("\" width=\"").append(num(Math.max(0.5, binWidth * xPerA - 1)))
                    .append("\" height=\"").append(num(h)).append("\"><title>")
                    .append(String.format(Locale.ROOT, "%s %.1f\u2013%.1f \u00c5: %d", what, lo + b * binWidth,
                            lo + (b + 1) * binWidth, counts[b]))
                    .append("</title></rect>\n");
        }
    }

    private static void appendBound(StringBuilder s, double v, String label, double lo, double xPerA, double baseY) {
        if (!Double.isFinite(v)) {
            return;
        }
        double x = LEFT + (v - lo) * xPerA;
        s.append("<line class=\"bound\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
                .append(TOP).append("\" y2=\"").append(num(baseY)).append("\"/>\n");
        s.append("<text class=\"bound-label\" x=\"").append(num(x + 3)).append("\" y=\"").append(TOP + 10)
                .append("\">").append(label).append(String.format(Locale.ROOT, " %.1f", v)).append("</text>\n");
    }
}
