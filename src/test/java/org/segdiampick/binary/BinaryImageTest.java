package org.segdiampick.binary;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.segdiampick.image.Image2D;

class BinaryImageTest {

    @Test
    void rasterOrderAndCount() {
        BinaryImage b = new BinaryImage(4, 3);
        b.set(3, 0, 1);
        b.set(1, 2, true);
        assertEquals(1, b.px[3]);
        assertEquals(1, b.px[2 * 4 + 1]);
        assertEquals(1, b.get(1, 2));
        assertEquals(2, b.count());
    }

    @Test
    void toImageAndBackKeepsPixelsAndPixelSize() {
        BinaryImage b = TestImages.parse("#..#", ".##.", "#...");
        Image2D img = b.toImage(3.9, 4.1);
        assertEquals(3.9, img.smpdX);
        assertEquals(4.1, img.smpdY);
        assertEquals(1f, img.get(3, 0));
        assertEquals(0f, img.get(0, 1));
        assertEquals(b, BinaryImage.fromImage(img));
    }

    @Test
    void fromImageThresholdsAtOneHalf() {
        Image2D img = Image2D.of(4, 1, 4.0, new float[] {0.49f, 0.51f, Float.NaN, 1e9f});
        BinaryImage b = BinaryImage.fromImage(img);
        assertArrayEquals(new byte[] {0, 1, 0, 1}, b.px);
    }

    @Test
    void applyMaskClearsUnusablePixelsOnly() {
        BinaryImage b = TestImages.parse("####");
        b.applyMask(new boolean[] {true, false, true, false});
        assertEquals("#.#.\n", TestImages.render(b));
        assertThrows(IllegalArgumentException.class, () -> b.applyMask(new boolean[3]));
    }

    @Test
    void copyIsIndependent() {
        BinaryImage b = TestImages.parse("#.");
        BinaryImage c = b.copy();
        c.set(1, 0, 1);
        assertEquals(1, b.count());
        assertEquals(2, c.count());
    }

    @Test
    void rejectsNonBinaryValuesAndWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new BinaryImage(2, 1, new byte[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> new BinaryImage(2, 2, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new BinaryImage(2, 2).set(0, 0, 5));
    }
}
