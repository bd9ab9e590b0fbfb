package org.segdiampick.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class OptionRangesTest {
    private static String refused(Runnable check) {
        OptionException e = assertThrows(OptionException.class, check::run);
        assertEquals(1, e.getMessage().lines().count());
        return e.getMessage();
    }

    @Test
    void pixelSize() {
        assertEquals("--smpd: 1.0E9 Å/px is not a plausible pixel size (0.1 to 20 Å/px)", refused(() -> OptionRanges.checkSmpd(1e9)));
        assertTrue(refused(() -> OptionRanges.checkSmpd(0.0)).startsWith("--smpd: 0 Å/px"));
        refused(() -> OptionRanges.checkSmpd(-1.5));
        refused(() -> OptionRanges.checkSmpd(Double.NaN));
        refused(() -> OptionRanges.checkSmpd(Double.POSITIVE_INFINITY));
        refused(() -> OptionRanges.checkSmpd(0.09));
        refused(() -> OptionRanges.checkSmpd(20.01));
        OptionRanges.checkSmpd(null);
        OptionRanges.checkSmpd(0.1);
        OptionRanges.checkSmpd(20.0);
        OptionRanges.checkSmpd(1.34);
    }

    @Test
    void moldiamMax() {
        assertEquals("--moldiam-max: -5 Å is not a plausible largest molecule diameter (10 to 5000 Å)",
                refused(() -> OptionRanges.checkMoldiamMax(-5)));
        refused(() -> OptionRanges.checkMoldiamMax(0));
        refused(() -> OptionRanges.checkMoldiamMax(Double.NaN));
        refused(() -> OptionRanges.checkMoldiamMax(1e6));
        OptionRanges.checkMoldiamMax(500);
        OptionRanges.checkMoldiamMax(10);
        OptionRanges.checkMoldiamMax(5000);
    }

    @Test
    void fractionAndMicTo() {
        assertTrue(refused(() -> OptionRanges.checkMaxFailedFraction(1.5)).startsWith("--max-failed-fraction: must be a fraction"));
        refused(() -> OptionRanges.checkMaxFailedFraction(-0.1));
        refused(() -> OptionRanges.checkMaxFailedFraction(Double.NaN));
        OptionRanges.checkMaxFailedFraction(0);
        OptionRanges.checkMaxFailedFraction(1);
        assertEquals("--mic-to: must be at least 1, got 0", refused(() -> OptionRanges.checkMicTo(0)));
        OptionRanges.checkMicTo(null);
        OptionRanges.checkMicTo(1);
    }

    @Test
    void pickChecksEveryOption() {
        OptionRanges.checkPick(null, 500, null, 0.1);
        assertTrue(refused(() -> OptionRanges.checkPick(1e9, 500, null, 0.1)).startsWith("--smpd"));
        assertTrue(refused(() -> OptionRanges.checkPick(1.0, -5, null, 0.1)).startsWith("--moldiam-max"));
        assertTrue(refused(() -> OptionRanges.checkPick(1.0, 500, -2, 0.1)).startsWith("--mic-to"));
        assertTrue(refused(() -> OptionRanges.checkPick(1.0, 500, 3, 2)).startsWith("--max-failed-fraction"));
    }
}
