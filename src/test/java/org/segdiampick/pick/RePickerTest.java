package org.segdiampick.pick;

import org.junit.jupiter.api.Test;
import org.segdiampick.binary.BinaryImage;
import org.segdiampick.image.Image2D;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RePickerTest {

    /** Pass 2 on pass 1's binary image: every component gets exactly its pass-1 diameter and centre (B-14). */
    @Test
    void repickWithOpenBoundsReproducesPassOne() throws Exception {
        Image2D img = SegmentationPickerTest.read("empiar10146_apoferritin/May08_03.13.02.bin_avg.mrc", 1.5);
        PickResult p1 = new SegmentationPicker(Contrast.BLACK, 500).pick(img, 1.5, "May08_03.13.02.bin_avg.mrc");
        // through the MRC representation, as the job does: binary → float image → binary
        BinaryImage back = BinaryImage.fromImage(p1.binary().toImage(p1.geometry().smpdX(), p1.geometry().smpdY()));
        List<Pick> p2 = RePicker.repick(back, p1.geometry(), 0, 1e9);
        assertEquals(p1.picks(), p2);

        // the gate keeps exactly the components whose corrected diameter lies in the bounds
        double lo = 40, hi = 120;
        List<Pick> gated = RePicker.repick(back, p1.geometry(), lo, hi);
        List<Pick> expected = p1.picks().stream().filter(p -> p.diameter() + 8 >= lo && p.diameter() + 8 <= hi).toList();
        assertEquals(expected, gated);
        assertTrue(gated.size() < p1.picks().size() && !gated.isEmpty());
    }

    @Test
    void boundsAreInclusiveOnTheCorrectedDiameter() {
        // one 5 x 5 square: centroid (12, 12), farthest pixel centre at distance sqrt(8) → d = 2·sqrt(8)·4 Å
        BinaryImage b = new BinaryImage(32, 32);
        for (int y = 10; y < 15; y++) for (int x = 10; x < 15; x++) b.set(x, y, 1);
        ShrinkGeometry g = ShrinkGeometry.of(128, 128, 1.0); // 32 x 32 at exactly 4 Å
        double d = 2 * Math.sqrt(8) * 4;
        assertEquals(1, RePicker.repick(b, g, d + 8, d + 8).size());
        assertEquals(0, RePicker.repick(b, g, d + 8 + 0.01, 1000).size());
        Pick p = RePicker.repick(b, g, 0, 1000).get(0);
        assertEquals(d, p.diameter(), 1e-9);
        assertEquals(48, p.x()); // (12 − 16)·4 + 64
        assertEquals(48, p.y());
    }

    @Test
    void wrongGridIsAnError() {
        BinaryImage b = new BinaryImage(30, 32);
        assertThrows(IllegalArgumentException.class, () -> RePicker.repick(b, ShrinkGeometry.of(128, 128, 1.0), 0, 100));
    }
}
