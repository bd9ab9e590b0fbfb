package org.segdiampick.binary;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    @Test
    void labelsFollowTheFirstPixelInRasterOrder() {
        // The U's right arm gets its own provisional label in row 0 and is merged in row 2; the bar on the
        // left starts later in raster order than the U, so it is component 2.
        BinaryImage b = TestImages.parse(
                "...#..#",
                "#..#..#",
                "#..####",
                "#......");
        ConnectedComponents cc = ConnectedComponents.label(b);
        assertEquals(2, cc.count());
        assertEquals(1, cc.labelAt(3, 0));
        assertEquals(1, cc.labelAt(6, 0));
        assertEquals(2, cc.labelAt(0, 1));
        assertEquals(0, cc.labelAt(1, 1));
        assertEquals(8, cc.size(1));
        assertEquals(3, cc.size(2));
    }

    @Test
    void mergedLabelsStillNumberedInRasterOrder() {
        // A V whose arms meet only in the last row (first pixel (4,0)) and a bar starting at (0,1).
        BinaryImage b = TestImages.parse(
                "....#...#",
                "#....#.#.",
                "#.....#..");
        ConnectedComponents cc = ConnectedComponents.label(b);
        assertEquals(2, cc.count());
        assertEquals(1, cc.labelAt(8, 0));
        assertEquals(1, cc.labelAt(6, 2));
        assertEquals(2, cc.labelAt(0, 2));
    }

    @Test
    void diagonalChainIsOneComponentUnderEightConnectivityAndManyUnderFour() {
        BinaryImage b = new BinaryImage(10, 10);
        for (int i = 0; i < 10; i++) b.set(i, i, 1);
        b.set(9, 0, 1);
        b.set(8, 1, 1); // (9,0)-(8,1) touch only diagonally, and neither touches the main diagonal
        assertEquals(2, ConnectedComponents.label(b).count());
        assertEquals(2, ConnectedComponents.label(b, Connectivity.EIGHT).count());
        assertEquals(12, ConnectedComponents.label(b, Connectivity.FOUR).count());
    }

    @Test
    void fourConnectivityJoinsEdgeNeighbours() {
        BinaryImage b = TestImages.parse(
                "##.#",
                ".###",
                "#...");
        ConnectedComponents four = ConnectedComponents.label(b, Connectivity.FOUR);
        assertEquals(2, four.count());
        assertEquals(6, four.size(1));
        assertEquals(2, four.labelAt(0, 2));
        assertEquals(1, ConnectedComponents.label(b).count());
    }

    @Test
    void centroidIsTheMeanPixelCoordinate() {
        BinaryImage b = TestImages.parse(
                ".....",
                ".###.",
                ".#...");
        ConnectedComponents cc = ConnectedComponents.label(b);
        assertEquals((1 + 2 + 3 + 1) / 4.0, cc.centroidX(1), 1e-12);
        assertEquals((1 + 1 + 1 + 2) / 4.0, cc.centroidY(1), 1e-12);
    }

    @Test
    void handComputedDiameters() {
        BinaryImage b = TestImages.parse(
                "#....",
                ".....",
                "..###");
        ConnectedComponents cc = ConnectedComponents.label(b);
        assertEquals(0.0, cc.regions(4, 4).diameter(1), "a single pixel has diameter 0");
        // bar (2..4, 2): centre x = 3, farthest pixel 1 px away → 2 · 1 · 4 Å
        assertEquals(8.0, cc.regions(4, 4).diameter(2), 1e-12);
        // anisotropic pixel: only the x size matters for a horizontal bar
        assertEquals(2 * 3.9, cc.regions(3.9, 100).diameter(2), 1e-12);
        double[] all = cc.regions(4, 4).diameters();
        assertEquals(3, all.length);
        assertEquals(8.0, all[2], 1e-12);
    }

    @Test
    void discsMeasureTheirRadiusWithinOnePixel() {
        for (double r : new double[] {3, 7.5, 12, 20}) {
            BinaryImage b = new BinaryImage(64, 64);
            TestImages.disc(b, 31.3, 32.6, r);
            ConnectedComponents cc = ConnectedComponents.label(b);
            assertEquals(1, cc.count());
            double d = cc.regions(4.0, 4.0).diameter(1);
            assertEquals(2 * r * 4.0, d, 4.0, "r=" + r + ": within one pixel");
            assertEquals(31.3, cc.centroidX(1), 0.5);
            assertEquals(32.6, cc.centroidY(1), 0.5);
        }
    }

    @Test
    void anisotropicPixelsStretchTheDiameterPerAxis() {
        // A disc in pixels is an ellipse in Å: the largest extent follows the coarser axis.
        BinaryImage b = new BinaryImage(64, 64);
        TestImages.disc(b, 32, 32, 10);
        ConnectedComponents cc = ConnectedComponents.label(b);
        assertEquals(2 * 10 * 5.0, cc.regions(4.0, 5.0).diameter(1), 1e-9);
        assertEquals(2 * 10 * 5.0, cc.regions(5.0, 4.0).diameter(1), 1e-9);
        assertEquals(2 * 10 * 4.0, cc.regions(4.0, 4.0).diameter(1), 1e-9);
    }

    @Test
    void keepRemovesExactlyTheRejectedComponents() {
        BinaryImage b = TestImages.parse(
                "#.#.#",
                ".....",
                "##.##");
        ConnectedComponents cc = ConnectedComponents.label(b);
        assertEquals(5, cc.count());
        BinaryImage kept = cc.keep(l -> l % 2 == 1);
        assertEquals(
                "#...#\n" +
                ".....\n" +
                "...##\n", TestImages.render(kept));
        assertEquals(b, TestImages.parse("#.#.#", ".....", "##.##"), "the input is not modified");
        assertEquals(0, cc.keep(l -> false).count());
        assertEquals(b, cc.keep(l -> true));
    }

    @Test
    void emptyImageHasNoComponents() {
        ConnectedComponents cc = ConnectedComponents.label(new BinaryImage(8, 8));
        assertEquals(0, cc.count());
        assertThrows(IndexOutOfBoundsException.class, () -> cc.size(1));
        assertEquals(1, cc.regions(4, 4).diameters().length);
    }

    @Test
    void agreesWithFloodFillOnRandomImages() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int nx = 1 + rnd.nextInt(40), ny = 1 + rnd.nextInt(40);
            BinaryImage b = new BinaryImage(nx, ny);
            double p = rnd.nextDouble();
            for (int i = 0; i < b.px.length; i++) b.px[i] = rnd.nextDouble() < p ? (byte) 1 : 0;
            for (Connectivity conn : Connectivity.values()) {
                int[] expected = floodFill(b, conn == Connectivity.EIGHT);
                assertArrayEquals(expected, ConnectedComponents.label(b, conn).labels(), "trial " + trial + " " + conn);
            }
        }
    }

    // Reference: scan in raster order, flood-fill each unlabelled foreground pixel with the next label.
    private static int[] floodFill(BinaryImage b, boolean eight) {
        int[] lab = new int[b.px.length];
        int next = 0;
        int[] stack = new int[b.px.length];
        for (int s = 0; s < lab.length; s++) {
            if (b.px[s] == 0 || lab[s] != 0) continue;
            lab[s] = ++next;
            int top = 0;
            stack[top++] = s;
            while (top > 0) {
                int i = stack[--top], x = i % b.nx, y = i / b.nx;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        if (dx == 0 && dy == 0 || (!eight && dx != 0 && dy != 0)) continue;
                        int u = x + dx, v = y + dy;
                        if (u < 0 || v < 0 || u >= b.nx || v >= b.ny) continue;
                        int j = v * b.nx + u;
                        if (b.px[j] == 1 && lab[j] == 0) {
                            lab[j] = next;
                            stack[top++] = j;
                        }
                    }
            }
        }
        return lab;
    }
}
