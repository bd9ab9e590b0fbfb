package org.segdiampick.estimate;

import org.segdiampick.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SIMPLE's own {@code hac_1d_fast} and {@code sortmeans} labels on the oracle's hacbench diameters
 * (shared/data/oracle-simple-14f07d941/hac). The values are SIMPLE's floats (9 significant digits in the
 * file, so parsing as float recovers them exactly); we cluster them widened to double. Labels must agree
 * exactly, up to renumbering (both implementations number clusters the same way, so in fact 1:1).
 */
class OracleHacbenchTest {

    private static Path dir() {
        return SharedData.oracle().resolve("hac");
    }

    private record Bench(double[] x, int[] hac, int[] kmeans) {
    }

    private static Bench load(int n) throws IOException {
        List<String> lines = Files.readAllLines(dir().resolve("hacbench_n" + n + "_diams.txt"));
        double[] x = new double[lines.size()];
        int[] h = new int[x.length], k = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            String[] t = lines.get(i).trim().split("\\s+");
            x[i] = Float.parseFloat(t[0]);
            h[i] = Integer.parseInt(t[1]) - 1;
            k[i] = Integer.parseInt(t[2]) - 1;
        }
        return new Bench(x, h, k);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 3000})
    void hacLabelsMatchSimple(int n) throws IOException {
        Bench b = load(n);
        assertEquals(n, b.x.length);
        double thresh = DiameterStats.of(b.x).sdev();
        Hac1d.Result r = Hac1d.cluster(b.x, thresh);
        assertArrayEquals(b.hac, r.labels());
        assertArrayEquals(Hac1dReference.cluster(b.x, thresh).labels(), r.labels());
        // SIMPLE's threshold printed in _clusters.txt is its float sdev; ours agrees to float rounding
        double simpleThresh = Double.parseDouble(Files.readAllLines(dir().resolve("hacbench_n" + n + "_clusters.txt"))
            .get(0).replaceAll(".*\\s", ""));
        assertEquals(simpleThresh, thresh, 1e-5 * simpleThresh);
        assertArrayEquals(b.hac, Hac1d.cluster(b.x, simpleThresh).labels());
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 3000})
    void kmeansLabelsMatchSimple(int n) throws IOException {
        Bench b = load(n);
        SortMeans.Result r = SortMeans.cluster(b.x, 10, 10);
        assertArrayEquals(b.kmeans, r.labels());
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 3000})
    void clusterCentroidsAndPopulationsMatchSimple(int n) throws IOException {
        Bench b = load(n);
        Hac1d.Result h = Hac1d.cluster(b.x, DiameterStats.of(b.x).sdev());
        SortMeans.Result k = SortMeans.cluster(b.x, 10, 10);
        int hi = 0, ki = 0;
        for (String line : Files.readAllLines(dir().resolve("hacbench_n" + n + "_clusters.txt"))) {
            if (line.startsWith("#")) continue;
            String[] t = line.trim().split("\\s+");
            double centroid = Double.parseDouble(t[2]);
            long pop = Long.parseLong(t[3]);
            // SIMPLE sums in float: agreement to a few float ulps of the centroid
            if (t[0].equals("hac")) {
                assertEquals(Integer.parseInt(t[1]) - 1, hi);
                assertEquals(pop, h.populations()[hi]);
                assertEquals(centroid, h.centroids()[hi], 2e-6 * centroid);
                hi++;
            } else {
                assertEquals(pop, k.populations()[ki]);
                assertEquals(centroid, k.means()[ki], 2e-6 * centroid);
                ki++;
            }
        }
        assertEquals(h.clusterCount(), hi);
        assertEquals(10, ki);
    }
}
