package org.segdiampick.image;

import org.segdiampick.Parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimpleFiltersTest {

    @Test
    void edgeAverageCountsCornersTwice() {
        // 3 x 2 image: every pixel is a border pixel; corners 1, 2 (row 0 ends), 3, 4 (row 1 ends), middles 10, 20
        Image2D img = Image2D.of(3, 2, 1.0, new float[] {1, 10, 2, 3, 20, 4});
        // rows: (1+10+2) + (3+20+4) = 40; columns: (1+3) + (2+4) = 10; / (2*(3+2)) = 5
        assertEquals(5f, EdgeAverage.edgeAverage(img));
        EdgeAverage.apply(img);
        assertEquals(-4f, img.get(0, 0));
        assertEquals(15f, img.get(1, 1));
    }

    @Test
    void edgeAverageBelowThresholdIsNoOp() {
        Image2D img = Image2D.of(2, 2, 1.0, new float[] {1e-12f, -1e-12f, 0f, 5e-11f});
        float[] before = img.data.clone();
        EdgeAverage.apply(img);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(img.data));
    }

    @Test
    void negativeDampingDividesOnlyNegatives() {
        Image2D img = Image2D.of(4, 1, 1.0, new float[] {-5f, 0f, 3f, -0.5f});
        NegativeDamping.apply(img, Parameters.DAMP);
        assertEquals(-0.5f, img.data[0]);
        assertEquals(0f, img.data[1]);
        assertEquals(3f, img.data[2]);
        assertEquals(-0.05f, img.data[3]);
    }

    private static Image2D cosineX(int nx, int ny, double smpdX, double smpdY, int cyclesX, int cyclesY) {
        Image2D img = new Image2D(nx, ny, smpdX, smpdY, new float[nx * ny]);
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                img.set(x, y, (float) Math.cos(2 * Math.PI * (cyclesX * x / (double) nx + cyclesY * y / (double) ny)));
        return img;
    }

    private static double amplitudeRatio(Image2D out, Image2D in) {
        double num = 0, den = 0;
        for (int i = 0; i < in.size(); i++) {
            num += out.data[i] * in.data[i];
            den += in.data[i] * in.data[i];
        }
        return num / den;
    }

    @Test
    void lowPassPassesLowKillsHighAndRollsOffAsRaisedCosine() {
        // 128 px at 4 A, lp 15 A: L = int(128*4/15) = int(34.13) = 34, roll-off 24..34
        int n = 128;
        double[][] cases = {{10, 1.0}, {29, (Math.cos(Math.PI * 5 / 10) + 1) / 2}, {40, 0.0}, {34, 0.0}};
        for (double[] c : cases) {
            Image2D in = cosineX(n, n, 4, 4, (int) c[0], 0);
            Image2D out = in.copy();
            LowPass.apply(out, 15);
            assertEquals(c[1], amplitudeRatio(out, in), 1e-5, "frequency index " + c[0]);
        }
        // mid roll-off along a diagonal: (h, k) = (21, 20), r = 29.0 -> weight (cos(pi*5.0/10)+1)/2 = 0.5
        Image2D in = cosineX(n, n, 4, 4, 21, 20);
        Image2D out = in.copy();
        LowPass.apply(out, 15);
        double r = Math.hypot(21, 20);
        assertEquals((Math.cos(Math.PI * (r - 24) / 10) + 1) / 2, amplitudeRatio(out, in), 1e-5);
    }

    @Test
    void lowPassCutOffIsPhysicalAlongBothAxesForNonSquareImages() {
        // 128 x 64 px at 4 A: along y index k has frequency k/(64*4); x-index units r = 2k
        // k = 12 -> r = 24 (start of the roll-off, weight 1); k = 17 -> r = 34 = L (weight 0); k = 14 -> r = 28
        int[] ks = {12, 14, 17};
        double[] expected = {1.0, (Math.cos(Math.PI * 4 / 10) + 1) / 2, 0.0};
        for (int i = 0; i < ks.length; i++) {
            Image2D in = cosineX(128, 64, 4, 4, 0, ks[i]);
            Image2D out = in.copy();
            LowPass.apply(out, 15);
            assertEquals(expected[i], amplitudeRatio(out, in), 1e-5, "k=" + ks[i]);
        }
    }

    @Test
    void tvFilterEqualsItsClosedFormAndPreservesTheMean() {
        int nx = 45, ny = 38, h = 5, k = -7;
        Image2D in = cosineX(nx, ny, 4, 4, h, k);
        for (int i = 0; i < in.size(); i++) in.data[i] += 3f;
        Image2D out = in.copy();
        TvFilter.apply(out, Parameters.LAM_TV);
        double hv = TvFilter.transfer(2 * Math.PI * h / nx, 2 * Math.PI * k / ny, 7);
        // closed form at (5, -7): beta products and alpha sums evaluated by hand in double
        double tx = 2 * Math.PI * 5 / 45, ty = 2 * Math.PI * -7 / 38;
        double b = (0.75 + 0.25 * Math.cos(tx)) * (0.75 + 0.25 * Math.cos(ty));
        double a0x = 0.55 + 13.0 / 30 * Math.cos(tx) + Math.cos(2 * tx) / 60, a0y = 0.55 + 13.0 / 30 * Math.cos(ty) + Math.cos(2 * ty) / 60;
        double a2x = 1 - 2.0 / 3 * Math.cos(tx) - Math.cos(2 * tx) / 3, a2y = 1 - 2.0 / 3 * Math.cos(ty) - Math.cos(2 * ty) / 3;
        assertEquals(b * b / (b * b + 7 * (a0x * a2y + a2x * a0y)), hv, 1e-12);
        assertEquals(1.0, TvFilter.transfer(0, 0, 7), 1e-12);
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                assertEquals(3 + hv * Math.cos(2 * Math.PI * (h * x / (double) nx + k * y / (double) ny)), out.get(x, y), 1e-5);
    }
}
