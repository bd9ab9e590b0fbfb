package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThumbnailTest {

    private static int grey(byte b) {
        return b & 0xff;
    }

    @Test
    void constantImageGivesFlatGrey() {
        Image2D img = new Image2D(300, 200, 4.0);
        java.util.Arrays.fill(img.data, 7f);
        byte[] t = Thumbnail.render(img);
        assertEquals(512 * 512, t.length);
        for (byte b : t) assertEquals(128, grey(b));
    }

    @Test
    void smallImageIsUpSampledNotBlankWithBrightSpotRenderedDarkAtTheRightPlace() {
        // 128 x 64 image (smaller than 512): s = 4, thumbnail 512 x 256 at offset (0, 128)
        Image2D img = new Image2D(128, 64, 4.0);
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 128; x++) {
                double r2 = (x - 32.0) * (x - 32.0) + (y - 16.0) * (y - 16.0);
                img.set(x, y, (float) Math.exp(-r2 / 18.0));
            }
        byte[] t = Thumbnail.render(img);
        int min = 255, max = 0;
        for (byte b : t) {
            min = Math.min(min, grey(b));
            max = Math.max(max, grey(b));
        }
        assertTrue(max - min > 100, "not blank: range " + min + ".." + max);
        // the bright blob (negated: black) at image (32, 16) -> thumbnail (128, 64) -> canvas (128, 192):
        // centroid of the darkest pixels (the clamp at 0 makes a small plateau)
        double sx = 0, sy = 0;
        int n = 0;
        for (int i = 0; i < t.length; i++)
            if (grey(t[i]) == min) {
                sx += i % 512;
                sy += i / 512;
                n++;
            }
        assertEquals(128, sx / n, 1.0);
        assertEquals(192, sy / n, 1.0);
        // the canvas border above the pasted image stays one flat grey
        for (int x = 0; x < 512; x++) assertEquals(grey(t[5 * 512]), grey(t[5 * 512 + x]));
    }

    @Test
    void largeImageIsCropped() {
        Image2D img = new Image2D(1024, 1024, 4.0);
        for (int i = 0; i < img.size(); i++) img.data[i] = (i % 1024) < 512 ? 1f : 0f;
        byte[] t = Thumbnail.render(img);
        // left half bright in the density -> dark in the thumbnail
        assertTrue(grey(t[256 * 512 + 100]) < grey(t[256 * 512 + 400]));
    }
}
