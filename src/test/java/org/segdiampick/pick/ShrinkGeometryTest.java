package org.segdiampick.pick;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShrinkGeometryTest {

    @Test
    void gridSizesFollowRound2Even() {
        // algorithm §4.1 examples: 4096² at 1.0 Å → 1024²; 5760 x 4092 at 0.83 Å → 1196 x 850
        ShrinkGeometry a = ShrinkGeometry.of(4096, 4096, 1.0);
        assertEquals(1024, a.nx());
        assertEquals(4.0, a.smpdX(), 0);
        ShrinkGeometry b = ShrinkGeometry.of(5760, 4092, 0.83);
        assertEquals(1196, b.nx());
        assertEquals(850, b.ny());
        assertEquals(0.83 * 5760 / 1196, b.smpdX(), 1e-12);
        assertEquals(0.83 * 4092 / 850, b.smpdY(), 1e-12);
        // coarser than 4 Å: up-sampling (B-31), 1024 at 5.36 Å → 1372
        assertEquals(1372, ShrinkGeometry.of(1024, 1024, 5.36).nx());
        // odd raw size
        assertEquals(360, ShrinkGeometry.of(959, 927, 1.5).nx());
    }

    @Test
    void rawPositionsMapThroughTheCentres() {
        ShrinkGeometry g = ShrinkGeometry.of(4096, 4096, 1.0);
        assertEquals(2048, g.rawX(512));
        assertEquals(2048 + 4 * 10, g.rawX(522));
        assertEquals(2048 - 4 * 10 + 2, g.rawY(502.5)); // −9.5·4 = −38
    }
}
