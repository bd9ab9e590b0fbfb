package org.segdiampick.image;

import org.segdiampick.Parameters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class IcmTest {

    @Test
    void findIsNearestWithTiesToTheLargerEntry() {
        float[] t = {0f, 1f, 2f, 4f};
        assertEquals(1, Icm.find(t, -3f));
        assertEquals(1, Icm.find(t, 0.4f));
        assertEquals(2, Icm.find(t, 0.5f)); // tie -> larger
        assertEquals(4, Icm.find(t, 3f)); // tie between 2 and 4 -> larger
        assertEquals(3, Icm.find(t, 2.9f));
        assertEquals(4, Icm.find(t, 4f));
        assertEquals(4, Icm.find(t, 9f));
    }

    @Test
    void binMeansFillEmptyBinsLinearly() {
        // values at levels 0, 3 and 255 of the grid -> bins 0, 3, 255 hold them; 1, 2 and 4..254 interpolated
        float[] d = {0f, 3f, 3f, 255f};
        float[] t = Icm.binMeans(d, 0f, 255f);
        assertEquals(0f, t[0]);
        assertEquals(1f, t[1], 1e-5);
        assertEquals(2f, t[2], 1e-5);
        assertEquals(3f, t[3]);
        assertEquals(4f, t[4], 1e-4);
        assertEquals(255f, t[255]);
    }

    @Test
    void roundTripWithLambdaZeroKeepsGridLevels() {
        // <= 256 distinct values exactly on the quantisation grid come back unchanged when lambda = 0
        Random rnd = new Random(3);
        int nx = 37, ny = 29;
        float lo = -2.5f, step = 0.125f;
        float[] d = new float[nx * ny];
        for (int i = 0; i < d.length; i++) d[i] = lo + step * (rnd.nextInt(200) * 255 / 199);
        d[0] = lo;
        d[1] = lo + 255 * step;
        Image2D img = Image2D.of(nx, ny, 4.0, d.clone());
        Icm.apply(img, 0);
        assertArrayEquals(d, img.data, 1e-5f);
    }

    @Test
    void closedFormEqualsBruteForceScanOnRandomImages() {
        for (double lambda : new double[] {0, 0.001, 1, 100}) {
            Random rnd = new Random((long) (lambda * 1000) + 11);
            int nx = 41, ny = 23;
            int[] start = new int[nx * ny];
            for (int i = 0; i < start.length; i++) start[i] = rnd.nextInt(256);
            int[] fast = Icm.sweeps(start, nx, ny, (float) lambda);
            int[] brute = IcmReference.sweeps(start, nx, ny, (float) lambda, true);
            assertArrayEquals(brute, fast, "lambda " + lambda);
        }
        // single-pixel and single-row images (0, 1 or 2 neighbours)
        for (int[] s : new int[][] {{1, 1}, {7, 1}, {1, 5}}) {
            int[] start = new int[s[0] * s[1]];
            for (int i = 0; i < start.length; i++) start[i] = (i * 97) % 256;
            assertArrayEquals(IcmReference.sweeps(start, s[0], s[1], 100f, true), Icm.sweeps(start, s[0], s[1], 100f));
        }
    }

    @Test
    void smoothsAnIsolatedOutlierToItsNeighbours() {
        float[] d = new float[25];
        java.util.Arrays.fill(d, 1f);
        d[12] = 9f;
        d[0] = 0f; // so that the range is 0..9
        Image2D img = Image2D.of(5, 5, 4.0, d);
        Icm.apply(img, Parameters.LAM_ICM);
        // Jacobi sweeps with a strong prior average the neighbourhood: the outlier at level 255 falls to
        // the neighbours' levels (its neighbours rise a little in sweep 1, then everything settles near 1)
        assertTrue(img.get(2, 2) < 2f, "centre " + img.get(2, 2));
        for (float v : img.data) assertTrue(v >= 0f && v <= 9f);
    }

    @Test
    void constantImageIsUnchanged() {
        float[] d = new float[12];
        java.util.Arrays.fill(d, 4f);
        Image2D img = Image2D.of(4, 3, 4.0, d);
        Icm.apply(img, Parameters.LAM_ICM);
        for (float v : img.data) assertEquals(4f, v);
    }
}
