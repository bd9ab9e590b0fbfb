package org.segdiampick.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PixelSizeTest {
    @Test
    void oneRelativeTolerance() {
        assertTrue(PixelSize.same(1.5, 1.5001), "6.7e-5 relative");
        assertTrue(PixelSize.same(1.06, 1.0599999f), "float32 header vs decimal text");
        assertFalse(PixelSize.same(1.5, 1.501), "6.7e-4 relative");
        assertFalse(PixelSize.same(1.06, 1.07));
        assertTrue(PixelSize.same(1.5001, 1.5), "symmetric");
        assertFalse(PixelSize.same(Double.NaN, 1.5));
        assertEquals(1e-4, PixelSize.RELATIVE_TOLERANCE);
    }
}
