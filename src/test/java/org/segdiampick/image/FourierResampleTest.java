package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FourierResampleTest {

    private static Image2D cosine(int nx, int ny, double sx, double sy, int a, int b) {
        Image2D img = new Image2D(nx, ny, sx, sy, new float[nx * ny]);
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                img.set(x, y, (float) Math.cos(2 * Math.PI * (a * x / (double) nx + b * y / (double) ny)));
        return img;
    }

    private static void assertCosine(Image2D out, double amp, int a, int b, double tol) {
        for (int y = 0; y < out.ny; y++)
            for (int x = 0; x < out.nx; x++)
                assertEquals(amp * Math.cos(2 * Math.PI * (a * x / (double) out.nx + b * y / (double) out.ny)),
                        out.get(x, y), tol * amp, "pixel " + x + "," + y + " of " + out);
    }

    @Test
    void cropPreservesBandLimitedCosineForEvenAndOddSizes() {
        int[][] cases = {{40, 30, 20, 16}, {41, 31, 20, 16}, {41, 31, 21, 15}, {959, 927, 240, 232}};
        for (int[] c : cases) {
            Image2D in = cosine(c[0], c[1], 1.0, 1.0, 3, -2);
            Image2D out = FourierResample.resample(in, c[2], c[3]);
            assertEquals(c[2], out.nx);
            assertEquals(c[3], out.ny);
            assertCosine(out, (double) c[0] * c[1], 3, -2, 2e-5);
        }
    }

    @Test
    void upSamplingPreservesBandLimitedCosine() {
        int[][] cases = {{20, 16, 41, 33}, {21, 15, 40, 30}, {20, 16, 20, 33}};
        for (int[] c : cases) {
            Image2D out = FourierResample.resample(cosine(c[0], c[1], 4.0, 4.0, 2, 3), c[2], c[3]);
            assertCosine(out, (double) c[0] * c[1], 2, 3, 2e-5);
        }
    }

    @Test
    void cosineAtTheNewNyquistIsSampledExactly() {
        // 10 cycles over 40 px cropped to 20 px: cos(pi x'), i.e. +1, -1, ... (sum of the bins +-10, B-15)
        Image2D out = FourierResample.resample(cosine(40, 8, 1.0, 1.0, 10, 0), 20, 8);
        for (int x = 0; x < 20; x++) assertEquals((x % 2 == 0 ? 1 : -1) * 320.0, out.get(x, 3), 1e-3);
        // and padding it back to 40 px restores the original pattern
        Image2D back = FourierResample.resample(out, 40, 8);
        assertCosine(back, 320.0 * 20 * 8, 10, 0, 2e-5);
    }

    @Test
    void constantBecomesN1N2TimesConstantAndPixelSizesAreReportedPerAxis() {
        Image2D in = new Image2D(41, 31, 1.0, 1.5, new float[41 * 31]);
        java.util.Arrays.fill(in.data, 2.5f);
        Image2D out = FourierResample.resample(in, 20, 16);
        for (float v : out.data) assertEquals(41 * 31 * 2.5, v, 3e-2);
        assertEquals(1.0 * 41 / 20, out.smpdX, 1e-12);
        assertEquals(1.5 * 31 / 16, out.smpdY, 1e-12);
        Image2D up = FourierResample.resample(in, 64, 50);
        for (float v : up.data) assertEquals(41 * 31 * 2.5, v, 3e-2);
        assertEquals(41.0 / 64, up.smpdX, 1e-12);
        assertEquals(1.5 * 31 / 50, up.smpdY, 1e-12);
    }
}
