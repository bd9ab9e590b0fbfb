package org.segdiampick.io;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class JpegWriterTest {
    private static byte[] encode(byte[] px, int w, int h) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        JpegWriter.writeGrey(px, w, h, o);
        return o.toByteArray();
    }

    @Test
    void greyBaselineTopRowFirstAndDeterministic() throws Exception {
        int w = 64, h = 48;
        byte[] px = new byte[w * h];
        // dark top half, bright bottom half: row 0 must decode dark
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = (byte) (y < h / 2 ? 20 : 230);
        byte[] a = encode(px, w, h);
        assertArrayEquals(a, encode(px.clone(), w, h));
        assertEquals((byte) 0xFF, a[0]);
        assertEquals((byte) 0xD8, a[1]);
        assertTrue(hasMarker(a, 0xC0), "baseline SOF0");
        assertFalse(hasMarker(a, 0xC2), "not progressive");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(a));
        assertEquals(w, back.getWidth());
        assertEquals(h, back.getHeight());
        assertEquals(1, back.getRaster().getNumBands());
        assertEquals(20, back.getRaster().getSample(5, 2, 0), 4);
        assertEquals(230, back.getRaster().getSample(5, h - 3, 0), 4);
        ByteArrayOutputStream lo = new ByteArrayOutputStream();
        JpegWriter.writeGrey(noise(w, h), w, h, 0.3f, lo);
        assertTrue(lo.size() < encode(noise(w, h), w, h).length, "lower quality, smaller file");
        assertThrows(IllegalArgumentException.class, () -> encode(new byte[10], 4, 4));
    }

    private static byte[] noise(int w, int h) {
        byte[] b = new byte[w * h];
        long s = 12345;
        for (int i = 0; i < b.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            b[i] = (byte) (s >>> 56);
        }
        return b;
    }

    private static boolean hasMarker(byte[] a, int m) {
        for (int i = 0; i + 1 < a.length; i++) if ((a[i] & 0xFF) == 0xFF && (a[i + 1] & 0xFF) == m) return true;
        return false;
    }
}
