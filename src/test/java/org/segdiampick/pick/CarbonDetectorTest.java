package org.segdiampick.pick;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.segdiampick.binary.TestImages;
import org.segdiampick.image.Image2D;

class CarbonDetectorTest {
    private static final int N = 512;

    @Test
    void texturedHalfIsMaskedAndTheSmoothHalfIsKept() {
        CarbonMask m = CarbonDetector.detect(TestImages.carbonOnRightHalf(N), CarbonDetector.seedFor("half.mrc"));
        assertTrue(m.carbonFound());
        boolean[] u = m.usable();
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N / 2 - 48; x++) assertTrue(u[y * N + x], "smooth side usable at " + x + "," + y);
            for (int x = N / 2 + 32; x < N; x++) assertFalse(u[y * N + x], "textured side masked at " + x + "," + y);
        }
        int masked = 0;
        for (boolean b : u) if (!b) masked++;
        assertEquals(masked / (double) (N * N), m.carbonFraction(), 0.0);
        assertEquals(0.5, m.carbonFraction(), 0.1);
    }

    @Test
    void uniformNoiseHasNoCarbon() {
        Image2D img = TestImages.image(N, N, TestImages.whiteNoise(N, N, 2, 3));
        CarbonMask m = CarbonDetector.detect(img, 1234);
        assertFalse(m.carbonFound());
        assertEquals(0.0, m.carbonFraction());
        for (boolean b : m.usable()) assertTrue(b);
    }

    @Test
    void sameSeedGivesTheSameMask() {
        Image2D img = TestImages.carbonOnRightHalf(N);
        float[] before = img.data.clone();
        CarbonMask a = CarbonDetector.detect(img, 99), b = CarbonDetector.detect(img, 99);
        assertArrayEquals(a.usable(), b.usable());
        assertEquals(a.carbonFraction(), b.carbonFraction());
        assertArrayEquals(before, img.data, "the input is not modified");
    }

    @Test
    void seedForIsAStableHashOfTheBaseName() {
        long s = CarbonDetector.seedFor("FoilHole_123_Data_1.mrc");
        assertEquals(s, CarbonDetector.seedFor("FoilHole_123_Data_1.mrc"));
        assertEquals(s, CarbonDetector.seedFor("/data/run1/FoilHole_123_Data_1.mrc"));
        assertEquals(s, CarbonDetector.seedFor("s3a://bucket/mics/FoilHole_123_Data_1.mrc"));
        assertNotEquals(s, CarbonDetector.seedFor("FoilHole_123_Data_2.mrc"));
        assertNotEquals(CarbonDetector.seedFor("a.mrc"), CarbonDetector.seedFor("b.mrc"));
        // first 8 bytes of SHA-256("abc") = ba7816bf8f01cfea
        assertEquals(0xba7816bf8f01cfeaL, CarbonDetector.seedFor("abc"));
    }

    @Test
    void tooSmallImagesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CarbonDetector.detect(Image2D.of(63, 100, 4.0, new float[6300]), 1));
        assertTrue(e.getMessage().contains("64"));
    }

}
