package org.segdiampick.report;

// Over 300 lines on purpose: one self-contained HTML page, its CSS and its sections in page order (summary,
// clusters, scale drawing, tables, gallery, histogram), each a short method; the charts live in their own classes.

import static org.segdiampick.report.Html.cell;
import static org.segdiampick.report.Html.esc;
import static org.segdiampick.report.Html.num;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes report.html: one self-contained page (inline CSS and SVG, thumbnails as data: URIs, no script,
 * nothing fetched from the network) so it can be opened from any storage or attached to a ticket.
 * The output is well-formed XML as well as HTML.
 */
public final class ReportWriter {
    /** Gallery entries beyond this many are left out to keep the page small. */
    public static final int MAX_GALLERY = 8;
    /** Micrographs beyond this many are listed in the table but not drawn in the bar chart. */
    public static final int MAX_CHART_ROWS = 200;
    /** Rows of the per-micrograph table; every micrograph is in the linked details table (micrographs.tsv). */
    public static final int MAX_TABLE_ROWS = 100;
    /** Failures listed; the rest are counted. */
    public static final int MAX_FAILURES = 100;
    /** Longest error or name text shown, characters: keeps the page bounded whatever the inputs. */
    static final int MAX_TEXT = 300;
    /** Bins of the particles-per-micrograph histogram. */
    static final int COUNT_BINS = 20;

    private static final String CSS = """
            body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}
            h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
            td.text,th.text{text-align:left}tr.rejected td{color:#888}tr.failed td{background:#fde8e8}
            .bar.before{fill:#b8b8b8}.bar.accepted{fill:#2b6cb0;fill-opacity:0.85}
            .cluster-mean{stroke-width:2}.cluster-mean.accepted{stroke:#1a7f37}.cluster-mean.rejected{stroke:#c53030;stroke-dasharray:3 3}
            .bound{stroke:#6b46c1;stroke-width:2;stroke-dasharray:8 4}.bound-label{fill:#6b46c1;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
            .axis{stroke:#444}.tick,.axis-label{font-size:11px;fill:#444}
            .legend span{display:inline-block;margin-right:16px;font-size:12px}.swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px}
            .box{fill:none;stroke:#00e676;stroke-width:1.5}.scale-box{fill:none;stroke:#ffeb3b;stroke-width:2}
            .scale-mask{fill:none;stroke:#ff4081;stroke-width:2}.count-bar{fill:#2b6cb0}.count-bar.failed{fill:#c53030}
            .gallery figure{display:inline-block;margin:6px;vertical-align:top}.gallery figcaption{font-size:12px;max-width:384px;overflow-wrap:anywhere}
            .failures li{font-family:monospace;font-size:12px}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:bold}dd{margin:0}
            """;

    /** Writes the report; the stream is flushed, not closed. */
    public void write(ReportModel model, OutputStream out) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(out, "out");
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(render(model));
        w.flush();
    }

    /** The whole page as a string. */
    public String render(ReportModel m) {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>segdiampick report</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<h1>segdiampick: diameter estimation report</h1>\n");
        summary(s, m);
        s.append("<h2 id=\"histogram\">Diameters before and after filtering</h2>\n");
        s.append("<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#b8b8b8\"></i>all (")
                .append(m.diametersBefore().length).append(")</span><span><i class=\"swatch\" style=\"background:#2b6cb0\"></i>accepted (")
                .append(m.diametersAccepted().length).append(")</span><span><i class=\"swatch\" style=\"background:#1a7f37\"></i>accepted cluster mean</span>")
                .append("<span><i class=\"swatch\" style=\"background:#c53030\"></i>rejected cluster mean</span>")
                .append("<span><i class=\"swatch\" style=\"background:#6b46c1\"></i>bounds</span></p>\n");
        s.append(DiameterHistogram.svg(m));
        clusters(s, m);
        scaleDrawing(s, m);
        if (m.refined() != null) ScoreHistogramSvg.section(s, m.refined());
        micrographs(s, m);
        failures(s, m);
        gallery(s, m);
        s.append("</body>\n</html>\n");
        return s.toString();
    }

    private static void summary(StringBuilder s, ReportModel m) {
        s.append("<h2 id=\"summary\">Summary</h2>\n<dl class=\"summary\">\n");
        dl(s, "box size", m.boxInPix() + " px (" + cell(m.boxInPix() * m.smpd(), 1) + " \u00c5)");
        dl(s, "mask diameter", cell(m.mskdiam(), 1) + " \u00c5 (" + cell(m.mskdiam() / m.smpd(), 1) + " px)");
        dl(s, "accepted diameters", "[" + cell(m.diamMin(), 1) + ", " + cell(m.diamMax(), 1) + "] \u00c5");
        if (m.refined() != null) {
            ReportModel.Refined r = m.refined();
            dl(s, "picker", "refined (size learned from " + r.learnedFrom() + ")");
            dl(s, "particle diameter", cell(r.particleDiameter(), 1) + " \u00c5 (" + cell(r.particleDiameter() / m.smpd(), 1)
                    + " px), learned; detector " + cell(r.detectionDiameter(), 1) + " \u00c5");
            dl(s, "pick threshold", "figure of merit \u2265 " + cell(r.threshold(), 2) + " (" + r.thresholdSource() + ")");
        }
        dl(s, "pixel size", cell(m.smpd(), 4) + " \u00c5/px");
        dl(s, "clustering", m.clustering());
        dl(s, "diameters", m.diametersBefore().length + " collected, " + m.diametersAccepted().length + " accepted");
        long failed = m.failuresTotal();
        dl(s, "micrographs", m.micrographs().size() + " (" + failed + " failed)");
        java.util.Map<String, Integer> states = new java.util.TreeMap<>();
        long particles = 0;
        for (ReportModel.MicrographRow r : m.micrographs()) {
            states.merge(r.state(), 1, Integer::sum);
            particles += r.nptcls();
        }
        StringBuilder by = new StringBuilder();
        states.forEach((k, v) -> by.append(by.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        dl(s, "by outcome", by.toString());
        dl(s, "particles", Long.toString(particles));
        s.append("</dl>\n");
        if (m.detailsHref() != null) {
            s.append("<p>Every micrograph, with its files and errors: <a href=\"").append(esc(m.detailsHref())).append("\">")
                    .append(esc(m.detailsHref())).append("</a>.</p>\n");
        }
    }

    private static void dl(StringBuilder s, String term, String value) {
        s.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static void clusters(StringBuilder s, ReportModel m) {
        s.append("<h2 id=\"clusters\">Clusters</h2>\n<table class=\"clusters\">\n<tr><th>index</th><th>mean (\u00c5)</th>")
                .append("<th>pop</th><th>z mean</th><th>z pop</th><th class=\"text\">accepted</th></tr>\n");
        for (ReportModel.Cluster c : m.clusters()) {
            s.append("<tr class=\"").append(c.accepted() ? "accepted" : "rejected").append("\"><td>").append(c.index())
                    .append("</td><td>").append(cell(c.mean(), 1)).append("</td><td>").append(c.pop())
                    .append("</td><td>").append(cell(c.zMean(), 2)).append("</td><td>").append(cell(c.zPop(), 2))
                    .append("</td><td class=\"text\">").append(c.accepted() ? "yes" : "no").append("</td></tr>\n");
        }
        s.append("</table>\n");
    }

    /**
     * The box (box_in_pix raw px) and the mask circle (mskdiam Å = mskdiam/smpd raw px) over one
     * thumbnail at the thumbnail's own scale, centred on its box nearest the middle so a particle shows inside, whole.
     */
    private static void scaleDrawing(StringBuilder s, ReportModel m) {
        s.append("<h2 id=\"scale\">Box size and mask diameter to scale</h2>\n");
        double boxRaw = m.boxInPix();
        double maskRaw = m.mskdiam() / m.smpd();
        if (m.gallery().isEmpty()) {
            // No thumbnail: draw on a blank canvas at 1 raw px = 1 SVG unit, scaled to fit.
            double size = Math.max(boxRaw, Double.isFinite(maskRaw) ? maskRaw : 0) * 1.2;
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"scale-drawing\" width=\"384\" height=\"384\" viewBox=\"0 0 ")
                    .append(num(size)).append(' ').append(num(size)).append("\">\n");
            scaleShapes(s, size / 2, size / 2, boxRaw, maskRaw);
            particleShape(s, m, size / 2, size / 2, 1);
            s.append("</svg>\n");
            return;
        }
        ReportModel.GalleryEntry g = m.gallery().get(0);
        double cx = g.width() / 2.0;
        double cy = g.height() / 2.0;
        // The box nearest the middle: the first one may sit on the edge, where the drawing would be cut off.
        double best = Double.POSITIVE_INFINITY;
        double mx = cx;
        double my = cy;
        for (ReportModel.Point p : g.boxCentres()) {
            double x = g.offsetX() + g.scale() * p.x();
            double y = g.offsetY() + g.scale() * p.y();
            double d = (x - mx) * (x - mx) + (y - my) * (y - my);
            if (d < best) {
                best = d;
                cx = x;
                cy = y;
            }
        }
        s.append("<p>On ").append(esc(g.name())).append(": yellow square = box ").append(m.boxInPix())
                .append(" px, pink circle = mask diameter ").append(cell(m.mskdiam(), 1)).append(" \u00c5")
                .append(m.refined() == null ? "" : ", cyan dashed circle = learned particle diameter "
                        + cell(m.refined().particleDiameter(), 1) + " \u00c5").append(".</p>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"scale-drawing\" width=\"")
                .append(g.width()).append("\" height=\"").append(g.height()).append("\" viewBox=\"0 0 ").append(g.width())
                .append(' ').append(g.height()).append("\">\n");
        image(s, g);
        scaleShapes(s, cx, cy, boxRaw * g.scale(), maskRaw * g.scale());
        particleShape(s, m, cx, cy, g.scale());
        s.append("</svg>\n");
    }

    /** The refined picker's learned particle diameter as a circle, {@code scale} drawing units per raw pixel. */
    private static void particleShape(StringBuilder s, ReportModel m, double cx, double cy, double scale) {
        if (m.refined() == null) return;
        double r = m.refined().particleDiameter() / m.smpd() * scale / 2;
        // styled inline: the page's stylesheet (and so a segmentation run's report) stays as it was
        s.append("<circle class=\"scale-particle\" style=\"fill:none;stroke:#00bcd4;stroke-width:2;stroke-dasharray:5 3\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy))
                .append("\" r=\"").append(num(r)).append("\"/>\n");
    }

    private static void scaleShapes(StringBuilder s, double cx, double cy, double box, double mask) {
        s.append("<rect class=\"scale-box\" x=\"").append(num(cx - box / 2)).append("\" y=\"").append(num(cy - box / 2))
                .append("\" width=\"").append(num(box)).append("\" height=\"").append(num(box)).append("\"/>\n");
        if (Double.isFinite(mask) && mask > 0) {
            s.append("<circle class=\"scale-mask\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy))
                    .append("\" r=\"").append(num(mask / 2)).append("\"/>\n");
        }
    }

    private static void image(StringBuilder s, ReportModel.GalleryEntry g) {
        s.append("<image x=\"0\" y=\"0\" width=\"").append(g.width()).append("\" height=\"").append(g.height())
                .append("\" href=\"data:image/jpeg;base64,").append(Base64.getEncoder().encodeToString(g.jpeg()))
                .append("\"/>\n");
    }

    private static void micrographs(StringBuilder s, ReportModel m) {
        List<ReportModel.MicrographRow> rows = m.micrographs();
        s.append("<h2 id=\"micrographs\">Particles per micrograph</h2>\n");
        int shown = Math.min(rows.size(), MAX_CHART_ROWS);
        int maxN = 1;
        for (ReportModel.MicrographRow r : rows) {
            maxN = Math.max(maxN, r.nptcls());
        }
        int rowH = 16;
        int labelW = 220;
        int barW = 480;
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"counts\" width=\"").append(labelW + barW + 60)
                .append("\" height=\"").append(shown * rowH + 4).append("\">\n");
        for (int i = 0; i < shown; i++) {
            ReportModel.MicrographRow r = rows.get(i);
            double w = (double) Math.max(0, r.nptcls()) / maxN * barW;
            double y = i * rowH + 2;
            boolean failed = r.error() != null;
            s.append("<text class=\"tick\" x=\"").append(labelW - 6).append("\" y=\"").append(num(y + 11))
                    .append("\" text-anchor=\"end\">").append(esc(shorten(r.name(), 34))).append("</text>\n");
            s.append("<rect class=\"count-bar").append(failed ? " failed" : "").append("\" x=\"").append(labelW)
                    .append("\" y=\"").append(num(y)).append("\" width=\"").append(num(failed && w == 0 ? 3 : w))
                    .append("\" height=\"").append(rowH - 4).append("\"><title>").append(esc(r.name())).append(": ")
                    .append(r.nptcls()).append("</title></rect>\n");
            s.append("<text class=\"tick\" x=\"").append(num(labelW + w + 4)).append("\" y=\"").append(num(y + 11))
                    .append("\">").append(r.nptcls()).append("</text>\n");
        }
        s.append("</svg>\n");
        if (shown < rows.size()) {
            s.append("<p>Chart shows the first ").append(shown).append(" of ").append(rows.size()).append(" micrographs.</p>\n");
        }
        s.append("<table class=\"micrographs\">\n<tr><th class=\"text\">micrograph</th><th>particles</th>")
                .append("<th class=\"text\">state</th><th class=\"text\">error</th></tr>\n");
        int tableRows = Math.min(rows.size(), MAX_TABLE_ROWS);
        for (ReportModel.MicrographRow r : rows.subList(0, tableRows)) {
            s.append("<tr").append(r.error() != null ? " class=\"failed\"" : "").append("><td class=\"text\">")
                    .append(esc(cut(r.name()))).append("</td><td>").append(r.nptcls()).append("</td><td class=\"text\">")
                    .append(esc(cut(r.state()))).append("</td><td class=\"text\">").append(esc(cut(r.error()))).append("</td></tr>\n");
        }
        s.append("</table>\n");
        if (tableRows < rows.size()) {
            s.append("<p class=\"more\">Table shows the first ").append(tableRows).append(" of ").append(rows.size())
                    .append(" micrographs").append(m.detailsHref() == null ? "" : "; all are in <a href=\"" + esc(m.detailsHref())
                            + "\">" + esc(m.detailsHref()) + "</a>").append(".</p>\n");
        }
        countHistogram(s, rows);
    }

    private static void failures(StringBuilder s, ReportModel m) {
        s.append("<h2 id=\"failures\">Failures (").append(m.failuresTotal()).append(")</h2>\n");
        if (m.failuresTotal() == 0) {
            s.append("<p>None.</p>\n");
            return;
        }
        s.append("<ul class=\"failures\">\n");
        List<ReportModel.Failure> listed = m.failures().subList(0, Math.min(m.failures().size(), MAX_FAILURES));
        for (ReportModel.Failure f : listed) {
            s.append("<li><b>").append(esc(cut(f.micrograph()))).append("</b>: ").append(esc(cut(f.message()))).append("</li>\n");
        }
        s.append("</ul>\n");
        if (listed.size() < m.failuresTotal()) {
            s.append("<p class=\"more\">\u2026 and ").append(m.failuresTotal() - listed.size()).append(" more")
                    .append(m.detailsHref() == null ? "" : " (all in <a href=\"" + esc(m.detailsHref()) + "\">" + esc(m.detailsHref()) + "</a>)")
                    .append(".</p>\n");
        }
    }

    private static void gallery(StringBuilder s, ReportModel m) {
        s.append("<h2 id=\"gallery\">Gallery: final boxes</h2>\n<div class=\"gallery\">\n");
        List<ReportModel.GalleryEntry> entries = m.gallery();
        for (int i = 0; i < Math.min(entries.size(), MAX_GALLERY); i++) {
            ReportModel.GalleryEntry g = entries.get(i);
            double box = m.boxInPix() * g.scale();
            s.append("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"thumb\" width=\"384\" height=\"")
                    .append(Math.round(384.0 * g.height() / g.width())).append("\" viewBox=\"0 0 ").append(g.width())
                    .append(' ').append(g.height()).append("\">\n");
            image(s, g);
            for (ReportModel.Point p : g.boxCentres()) {
                double x = g.offsetX() + g.scale() * p.x();
                double y = g.offsetY() + g.scale() * p.y();
                s.append("<rect class=\"box\" x=\"").append(num(x - box / 2)).append("\" y=\"").append(num(y - box / 2))
                        .append("\" width=\"").append(num(box)).append("\" height=\"").append(num(box)).append("\"/>\n");
            }
            s.append("</svg>\n<figcaption>").append(esc(g.name())).append(String.format(Locale.ROOT, " (%d boxes)",
                    g.boxCentres().size())).append("</figcaption>\n</figure>\n");
        }
        if (entries.isEmpty()) {
            s.append("<p>No thumbnails.</p>\n");
        }
        s.append("</div>\n");
    }

    /**
     * Particles per micrograph over the whole batch, as a histogram of {@link #COUNT_BINS} equal bins from 0 to the
     * largest count: its size does not grow with the batch.
     */
    private static void countHistogram(StringBuilder s, List<ReportModel.MicrographRow> rows) {
        if (rows.isEmpty()) return;
        int max = 0;
        for (ReportModel.MicrographRow r : rows) max = Math.max(max, r.nptcls());
        int width = Math.max(1, (max + COUNT_BINS) / COUNT_BINS);
        long[] bins = new long[COUNT_BINS];
        for (ReportModel.MicrographRow r : rows) bins[Math.min(COUNT_BINS - 1, Math.max(0, r.nptcls()) / width)]++;
        long top = 1;
        for (long b : bins) top = Math.max(top, b);
        int barW = 28, h = 160;
        s.append("<h3 id=\"count-histogram\">Micrographs by particle count (all ").append(rows.size()).append(")</h3>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"count-histogram\" width=\"").append(COUNT_BINS * barW + 20)
                .append("\" height=\"").append(h + 36).append("\">\n");
        for (int i = 0; i < COUNT_BINS; i++) {
            double bh = (double) bins[i] / top * h;
            int lo = i * width, hi = i == COUNT_BINS - 1 ? Math.max(max, lo + width - 1) : lo + width - 1;
            s.append("<rect class=\"count-bin\" x=\"").append(10 + i * barW).append("\" y=\"").append(num(h - bh + 4))
                    .append("\" width=\"").append(barW - 2).append("\" height=\"").append(num(bh)).append("\"><title>")
                    .append(lo).append('\u2013').append(hi).append(" particles: ").append(bins[i]).append(" micrographs</title></rect>\n");
            if (i % 5 == 0) s.append("<text class=\"tick\" x=\"").append(10 + i * barW).append("\" y=\"").append(h + 20)
                    .append("\">").append(lo).append("</text>\n");
        }
        s.append("</svg>\n");
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) return text;
        return text.substring(0, MAX_TEXT - 1) + "\u2026";
    }

    private static String shorten(String name, int max) {
        return name.length() <= max ? name : "\u2026" + name.substring(name.length() - max + 1);
    }
}
