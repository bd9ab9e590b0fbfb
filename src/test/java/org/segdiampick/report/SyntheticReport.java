package org.segdiampick.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

/** A deterministic report model: two size populations, k-means clusters, three micrographs, one failure. */
final class SyntheticReport {
    static final double SMPD = 1.5;
    static final int BOX = 160;
    static final double MSKDIAM = 180.0;
    /** Thumbnail 512 px for a 4096 px micrograph. */
    static final double SCALE = 512.0 / 4096.0;
    static final String EVIL_NAME = "mic_<script>alert(1)</script>&\"x\".mrc";

    private SyntheticReport() {
    }

    static ReportModel model() {
        Random rnd = new Random(42);
        double[] before = new double[300];
        List<Double> accepted = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            before[i] = i % 5 == 0 ? 40 + 10 * rnd.nextDouble() : 140 + 20 * rnd.nextGaussian();
            if (before[i] >= 110 && before[i] <= 170) {
                accepted.add(before[i]);
            }
        }
        List<ReportModel.Cluster> clusters = List.of(
                new ReportModel.Cluster(0, 45.0, 60, -1.5, 0.9, false),
                new ReportModel.Cluster(1, 120.0, 50, 0.1, 0.5, true),
                new ReportModel.Cluster(2, 140.0, 100, 0.3, 1.8, true),
                new ReportModel.Cluster(3, 160.0, 60, 0.6, 0.9, true),
                new ReportModel.Cluster(4, Double.NaN, 0, Double.NaN, -1.0, false),
                new ReportModel.Cluster(5, 190.0, 30, 1.2, -0.2, false));
        List<ReportModel.MicrographRow> rows = List.of(
                new ReportModel.MicrographRow("mic_0001.mrc", 120, "ok", null),
                new ReportModel.MicrographRow("mic_0002.mrc", 75, "ok", null),
                new ReportModel.MicrographRow(EVIL_NAME, 0, "failed", "bad header: nz=<0>"));
        List<ReportModel.Point> centres = List.of(new ReportModel.Point(1000, 1200),
                new ReportModel.Point(2048, 2048), new ReportModel.Point(3000, 500));
        ReportModel.GalleryEntry g1 = new ReportModel.GalleryEntry("mic_0001.mrc", jpeg(512, 512), 512, 512, SCALE,
                0, 0, centres);
        ReportModel.GalleryEntry g2 = new ReportModel.GalleryEntry("mic_0002.mrc", jpeg(512, 512), 512, 512, SCALE,
                0, 0, List.of(new ReportModel.Point(512, 512)));
        return new ReportModel(SMPD, before, accepted.stream().mapToDouble(Double::doubleValue).toArray(), clusters,
                110.0, 170.0, BOX, MSKDIAM, "kmeans", rows,
                List.of(new ReportModel.Failure(EVIL_NAME, "bad header: nz=<0>")), List.of(g1, g2));
    }

    /** A grey thumbnail with dark discs, like particles on ice. */
    static byte[] jpeg(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(170, 170, 170));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(60, 60, 60));
        for (int i = 0; i < 12; i++) {
            g.fillOval(20 + (i * 97) % (w - 60), 30 + (i * 61) % (h - 60), 20, 20);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "jpeg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
