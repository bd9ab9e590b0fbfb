package org.segdiampick.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RoundingTest {

    @Test
    void nintRoundsHalfAwayFromZero() {
        assertEquals(3, Rounding.nint(2.5));
        assertEquals(-3, Rounding.nint(-2.5));
        assertEquals(2, Rounding.nint(2.4999999));
        assertEquals(-2, Rounding.nint(-2.49));
        assertEquals(0, Rounding.nint(0.49999999999999994)); // floor(x + 0.5) would give 1
        assertEquals(225, Rounding.nint(224.5));
        assertThrows(IllegalArgumentException.class, () -> Rounding.nint(Double.NaN));
    }

    @Test
    void round2evenTiesGoDown() {
        assertEquals(464, Rounding.round2even(465.0));
        assertEquals(466, Rounding.round2even(465.2));
        assertEquals(4, Rounding.round2even(4.9));
    }

    @Test
    void thumbnailPlacementCentresTheResampledImage() {
        // 1240 x 1200 → s = 512/1240: 512 x 495.48 → round2even → 496, offset (0, 8)
        Thumbnail.Placement p = Thumbnail.placement(1240, 1200);
        assertEquals(512, p.width());
        assertEquals(496, p.height());
        assertEquals(0, p.offsetX());
        assertEquals(8, p.offsetY());
    }
}
