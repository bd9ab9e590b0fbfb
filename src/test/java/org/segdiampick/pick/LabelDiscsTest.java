package org.segdiampick.pick;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fused label discs split back into their discs (the scoring of the ribosome set's CryoPPP labels). */
class LabelDiscsTest {

    private static void disc(boolean[] m, int nx, double cx, double cy, double r) {
        for (int y = 0; y < m.length / nx; y++)
            for (int x = 0; x < nx; x++) if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) m[y * nx + x] = true;
    }

    @Test
    void touchingDiscsAreSplitAtTheirCentresAndALoneDiscStaysWhole() {
        int nx = 400, ny = 300;
        boolean[] m = new boolean[nx * ny];
        disc(m, nx, 60, 60, 28);
        disc(m, nx, 114, 62, 28);          // overlaps the first by 2 px: one fused component
        disc(m, nx, 300, 60, 28);          // alone
        disc(m, nx, 60, 200, 28);          // a chain of three, 56 px apart
        disc(m, nx, 116, 200, 28);
        disc(m, nx, 172, 200, 28);
        List<int[]> comps = LabelDiscs.components(m, nx, ny);
        assertEquals(3, comps.size());
        double area = Math.PI * 28 * 28;
        assertEquals(area, comps.get(1).length, 0.01 * area);    // the lone disc (first pixel at y = 32, x = 300)
        double[] g = LabelDiscs.centroid(comps.get(1), nx);
        assertEquals(300, g[0], 1e-9);
        assertEquals(60, g[1], 1e-9);
        // the pair's centroid lies between the particles, 27 px from each; split, each centre is within 1 px
        double[] pair = LabelDiscs.centroid(comps.get(0), nx);
        assertEquals(87, pair[0], 0.5);
        List<double[]> two = LabelDiscs.split(comps.get(0), nx, (int) Math.round(comps.get(0).length / area));
        assertEquals(2, two.size());
        assertTrue(Math.hypot(two.get(0)[0] - 60, two.get(0)[1] - 60) < 1, java.util.Arrays.toString(two.get(0)));
        assertTrue(Math.hypot(two.get(1)[0] - 114, two.get(1)[1] - 62) < 1, java.util.Arrays.toString(two.get(1)));
        List<double[]> three = LabelDiscs.split(comps.get(2), nx, (int) Math.round(comps.get(2).length / area));
        assertEquals(3, three.size());
        three.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < 3; i++) {
            assertEquals(60 + 56 * i, three.get(i)[0], 1, "disc " + i);
            assertEquals(200, three.get(i)[1], 1, "disc " + i);
        }
    }

    @Test
    void ribosomeLabelsSplitEveryFusedRowIntoItsDiscs() throws Exception {
        GroundTruth.Dataset rib = GroundTruth.datasets().get(1);
        int split = 0, leftOut = 0;
        for (int i = 0; i < rib.micrographs().size(); i++) {
            List<double[]> s = GroundTruth.read(rib.truthFiles().get(i), rib.micrographs().get(i), null);
            List<double[]> l = GroundTruth.read(rib.truthFiles().get(i), rib.micrographs().get(i), null, GroundTruth.Fused.LEFT_OUT);
            assertTrue(s.size() > l.size());
            split += s.size();
            leftOut += l.size();
        }
        // 288 single discs; 65 fused rows hold at least two discs each
        assertEquals(288, leftOut);
        assertTrue(split >= 288 + 2 * 65, "split " + split);
    }
}
