package org.segdiampick.estimate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BoxRulesTest {

    @Test
    void magicBoxRoundsUp() {
        assertEquals(122, BoxRules.magicBoxes().length);
        assertEquals(32, BoxRules.magicBoxAtLeast(1));
        assertEquals(32, BoxRules.magicBoxAtLeast(32));
        assertEquals(36, BoxRules.magicBoxAtLeast(33));
        assertEquals(224, BoxRules.magicBoxAtLeast(224)); // on an entry
        assertEquals(240, BoxRules.magicBoxAtLeast(225)); // between entries: up, not nearest (B-17)
        assertEquals(240, BoxRules.magicBoxAtLeast(228)); // SIMPLE: nearest → 224
        assertEquals(1296, BoxRules.magicBoxAtLeast(1025));
        assertEquals(12500, BoxRules.magicBoxAtLeast(12289));
        assertEquals(12500, BoxRules.magicBoxAtLeast(12500));
        assertEquals(12502, BoxRules.magicBoxAtLeast(12501)); // past the list: next even ≥ trial
        assertEquals(12502, BoxRules.magicBoxAtLeast(12502));
        assertEquals(20002, BoxRules.magicBoxAtLeast(20001));
    }

    @Test
    void findLargerMagicBoxFollowsSimple() {
        // §4.3 examples
        assertEquals(6144, BoxRules.findLargerMagicBox(5793));
        assertEquals(8192, BoxRules.findLargerMagicBox(8146));
        assertEquals(6144, BoxRules.findLargerMagicBox(5787));
        assertEquals(32, BoxRules.findLargerMagicBox(3));
        assertEquals(224, BoxRules.findLargerMagicBox(224));
        assertEquals(240, BoxRules.findLargerMagicBox(225));
        // past the list: 12500 up to 12516, then round2even (odd → ties down)
        assertEquals(12500, BoxRules.findLargerMagicBox(12501));
        assertEquals(12500, BoxRules.findLargerMagicBox(12516));
        assertEquals(12516, BoxRules.findLargerMagicBox(12517));
        assertEquals(12518, BoxRules.findLargerMagicBox(12518));
    }

    @Test
    void boxFromPostFilterMaximum() {
        assertEquals(240, BoxRules.boxSize(150, 1)); // 225 → 240
        assertEquals(240, BoxRules.boxSize(449, 3)); // 224.5 → nint 225 → 240
        assertEquals(224, BoxRules.boxSize(447, 3)); // 223.5 → 224 (an entry)
        assertEquals(32, BoxRules.boxSize(1, 1));
    }

    @Test
    void maskDiameterBothBranches() {
        assertEquals(180, BoxRules.maskDiameter(240, 1, 150), 1e-12); // 1.2 × 150 < 234
        assertEquals(234, BoxRules.maskDiameter(240, 1, 200), 1e-12); // (240 − 6) × 1 < 240
        assertEquals((224 - 6) * 1.5, BoxRules.maskDiameter(224, 1.5, 300), 1e-12);
    }
}
