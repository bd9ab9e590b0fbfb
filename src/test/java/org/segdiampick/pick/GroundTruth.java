package org.segdiampick.pick;

import org.segdiampick.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reference particle centres of the shared micrographs and the recall/precision of a set of picks against them:
 * a pick matches a reference centre within {@code 0.35 ×} the particle diameter, one to one, closest pairs first.
 */
public final class GroundTruth {

    /** A data set: micrographs, their pixel size, the particle diameter in raw pixels and the reference files. */
    public record Dataset(String name, double smpd, double particleDiameterPx, List<String> micrographs, List<String> truthFiles,
                          String classFilter) {
    }

    public record Score(int truth, int picks, int matched) {
        public double recall() {
            return truth == 0 ? 0 : matched / (double) truth;
        }

        public double precision() {
            return picks == 0 ? 0 : matched / (double) picks;
        }

        public Score plus(Score o) {
            return new Score(truth + o.truth, picks + o.picks, matched + o.matched);
        }
    }

    private GroundTruth() {
    }

    public static Path micrographs() {
        return SharedData.micrographs();
    }

    /** Every data set in shared/data/micrographs with reference coordinates, plus SIMPLE's synthetic batch. */
    public static List<Dataset> datasets() {
        String apo = "empiar10146_apoferritin/", rib = "empiar10028_80S_ribosome/", bgal = "empiar10017_betagal/";
        String syn = "../oracle-simple-14f07d941/synthetic-inputs/";
        List<Dataset> d = new ArrayList<>();
        d.add(new Dataset("apoferritin (EMPIAR-10146)", 1.5, 125 / 1.5,
                List.of(apo + "May08_03.13.02.bin_avg.mrc", apo + "May08_07.10.35.bin_avg.mrc"),
                List.of(apo + "May08_03.13.02.bin_GT_centroids.csv", apo + "May08_07.10.35.bin_GT_centroids.csv"), null));
        List<String> rm = new ArrayList<>(), rt = new ArrayList<>();
        for (int i = 311; i <= 315; i++) {
            rm.add(rib + i + "_10028.mrc");
            rt.add(rib + i + "_10028_label_centroids.csv");
        }
        d.add(new Dataset("80S ribosome (EMPIAR-10028)", 5.36, 56, rm, rt, null));
        d.add(new Dataset("β-galactosidase (EMPIAR-10017)", 7.08, 27,
                List.of(bgal + "Falcon_2012_06_12-14_33_35_0_bin4.mrc", bgal + "Falcon_2012_06_12-14_57_34_0_bin4.mrc"),
                List.of(bgal + "Falcon_2012_06_12-14_33_35_0_bin4_coords.csv", bgal + "Falcon_2012_06_12-14_57_34_0_bin4_coords.csv"), null));
        d.add(new Dataset("synthetic 150 Å (SIMPLE oracle)", 1.25, 120,
                List.of(syn + "syn_mic01.mrc", syn + "syn_mic02.mrc", syn + "syn_mic03.mrc"),
                List.of(syn + "ground_truth.csv", syn + "ground_truth.csv", syn + "ground_truth.csv"), "main_150A"));
        return d;
    }

    /**
     * What to do with the rows of a CryoPPP label-centroid file flagged {@code merged}: centroids of discs that touch
     * and fused in the label mask, so they lie between two or more labelled particles, on none of them.
     */
    public enum Fused {
        /**
         * Replace each by the centres of its discs, split from the label mask beside the file ({@link LabelDiscs}):
         * the default. Without a mask (apoferritin's overlay picture, one fused row) the row is kept.
         */
        SPLIT,
        /** Leave them out (picking-research.md's protocol; the particles they stand for then count as unlabelled). */
        LEFT_OUT
    }

    /** Reference centres (x, y) of one micrograph; CSV with x,y first (or the synthetic truth's columns). */
    public static List<double[]> read(String truthFile, String micrograph, String classFilter) throws IOException {
        return read(truthFile, micrograph, classFilter, Fused.SPLIT);
    }

    /** The same, choosing what happens to fused label discs (rows flagged {@code merged}). */
    public static List<double[]> read(String truthFile, String micrograph, String classFilter, Fused fused) throws IOException {
        List<double[]> out = new ArrayList<>();
        String micName = Path.of(micrograph).getFileName().toString();
        List<String> lines = Files.readAllLines(micrographs().resolve(truthFile));
        String[] header = null;
        int flag = -1, area = -1;
        List<double[]> merged = new ArrayList<>();
        List<Double> singleAreas = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split(",");
            if (header == null) {
                header = f;
                flag = List.of(f).indexOf("flag");
                area = List.of(f).indexOf("area_px");
                continue;
            }
            if (classFilter != null) {
                // synthetic truth: micrograph,particle_id,class,x_px,y_px,...
                if (!f[0].equals(micName) || !f[2].equals(classFilter)) continue;
                out.add(new double[]{Double.parseDouble(f[3]), Double.parseDouble(f[4])});
            } else if (flag >= 0 && f[flag].equals("merged")) {
                merged.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            } else {
                if (flag >= 0 && area >= 0) singleAreas.add(Double.parseDouble(f[area]));
                out.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
        if (!merged.isEmpty() && fused == Fused.SPLIT) {
            // CryoPPP's label mask lies beside its centroid file; apoferritin's one fused row comes from an overlay
            // picture, not a mask, and stays as it is
            boolean mask = truthFile.endsWith(LABEL_CENTROIDS) && Files.exists(micrographs().resolve(labelMask(truthFile)));
            out.addAll(mask ? splitFused(truthFile, merged, singleAreas) : merged);
        }
        return out;
    }

    private static final String LABEL_CENTROIDS = "_label_centroids.csv";

    private static String labelMask(String truthFile) {
        return truthFile.substring(0, truthFile.length() - LABEL_CENTROIDS.length()) + "_label.png";
    }

    /** The disc centres of the fused label components whose centroids are {@code merged} (label mask beside the CSV). */
    private static List<double[]> splitFused(String truthFile, List<double[]> merged, List<Double> singleAreas) throws IOException {
        Path png = micrographs().resolve(labelMask(truthFile));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        if (img == null) throw new IOException(png + ": not a readable label mask");
        int nx = img.getWidth(), ny = img.getHeight();
        boolean[] mask = new boolean[nx * ny];
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) mask[y * nx + x] = img.getRaster().getSample(x, y, 0) > 127;
        List<Double> a = new ArrayList<>(singleAreas);
        a.sort(null);
        double disc = a.get(a.size() / 2);
        List<int[]> comps = LabelDiscs.components(mask, nx, ny);
        List<double[]> out = new ArrayList<>();
        for (double[] m : merged) {
            int[] comp = null;
            for (int[] c : comps) {
                double[] g = LabelDiscs.centroid(c, nx);
                if (Math.hypot(g[0] - m[0], g[1] - m[1]) <= 0.5 && c.length > 1.3 * disc) comp = c;
            }
            if (comp == null) throw new IOException(png + ": no fused component with centroid (" + m[0] + ", " + m[1] + ")");
            out.addAll(LabelDiscs.split(comp, nx, (int) Math.max(2, Math.round(comp.length / disc))));
        }
        return out;
    }

    /** One-to-one matching, closest pairs first, within {@code radius} pixels. */
    public static Score score(List<double[]> truth, List<Pick> picks, double radius) {
        record Pair(int t, int p, double d) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < truth.size(); t++)
            for (int p = 0; p < picks.size(); p++) {
                double dx = truth.get(t)[0] - picks.get(p).x(), dy = truth.get(t)[1] - picks.get(p).y();
                double d = Math.hypot(dx, dy);
                if (d <= radius) pairs.add(new Pair(t, p, d));
            }
        pairs.sort(Comparator.comparingDouble(Pair::d));
        boolean[] tu = new boolean[truth.size()], pu = new boolean[picks.size()];
        int matched = 0;
        for (Pair pr : pairs)
            if (!tu[pr.t] && !pu[pr.p]) {
                tu[pr.t] = pu[pr.p] = true;
                matched++;
            }
        return new Score(truth.size(), picks.size(), matched);
    }
}
