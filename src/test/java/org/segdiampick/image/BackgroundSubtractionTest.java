package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackgroundSubtractionTest {

    @Test
    void paddedSizesFollowTheMagicBoxRoundedUp() {
        assertEquals(6144, BackgroundSubtraction.paddedSize(4096)); // nint(5792.6) = 5793
        assertEquals(8192, BackgroundSubtraction.paddedSize(5760));
        assertEquals(6144, BackgroundSubtraction.paddedSize(4092));
        assertEquals(1536, BackgroundSubtraction.paddedSize(927)); // nint(1311.0) = 1311 -> next entry 1536
    }

    @Test
    void constantImageBecomesZeroForOddSizes() {
        Image2D img = new Image2D(201, 183, 5.0, 4.0, new float[201 * 183]);
        java.util.Arrays.fill(img.data, 100f);
        BackgroundSubtraction.apply(img);
        for (float v : img.data) assertEquals(0f, v, 1e-3);
    }

    @Test
    void removesWideBlobAndRampButKeepsSmallFeature() {
        int n = 256;
        double smpd = 5.0; // FWHM 400 A = 80 px
        Image2D img = new Image2D(n, n, smpd);
        double blobSigma = 3000 / smpd; // px, much wider than the 400 A kernel
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) {
                double r2 = (x - 100.0) * (x - 100.0) + (y - 150.0) * (y - 150.0);
                img.set(x, y, (float) (50 + 0.1 * x + 30 * Math.exp(-r2 / (2 * blobSigma * blobSigma))));
            }
        float spikeBefore = img.get(128, 128) ;
        img.set(128, 128, spikeBefore + 1000f);
        BackgroundSubtraction.apply(img);
        // spike: loses only its own Gaussian-weighted share, 1000/(2 pi s^2) with s = 80/2.35482 px
        double s = 80 / 2.35482;
        assertEquals(1000 * (1 - 1 / (2 * Math.PI * s * s)), img.get(128, 128), 0.5);
        // interior (2 FWHM from the border, away from the spike): the smooth background is gone
        double maxAbs = 0;
        for (int y = 100; y < n - 100; y++)
            for (int x = 100; x < n - 100; x++)
                if (Math.abs(x - 128) > 60 || Math.abs(y - 128) > 60) maxAbs = Math.max(maxAbs, Math.abs(img.get(x, y)));
        assertTrue(maxAbs < 0.3, "residual background " + maxAbs); // the input background spans ~55 .. 105
    }
}
