package org.segdiampick.pick.refined;

import org.junit.jupiter.api.Test;
import org.segdiampick.pick.Contrast;
import org.segdiampick.testing.SmallBatch;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The text form of {@link SizeEvidence} that a checkpoint holds: it reads back to equal evidence (every sum, count and
 * histogram bin, doubles exactly), is the same text for the same evidence, stays compact (zero bins left out), and
 * anything else is refused.
 */
class SizeEvidenceFormatTest {

    private static SizeEvidence of(int micrograph) {
        return new RefinedPicker(Contrast.BLACK).evidence(SmallBatch.generate(micrograph), SmallBatch.SMPD);
    }

    @Test
    void roundTripsExactlyAndDeterministically() {
        SizeEvidence e = of(3);
        String text = e.format();
        SizeEvidence back = SizeEvidence.parse(text);
        assertEquals(e, back);
        assertEquals(text, back.format());
        assertEquals(text, of(3).format(), "same micrograph, same text");
        for (int j = 0; j < SizeEvidence.SCALES; j++) {
            assertEquals(e.meanTopScore(j), back.meanTopScore(j), 0.0);
            assertEquals(e.micrographs(j), back.micrographs(j));
            assertEquals(e.histogram(j), back.histogram(j));
        }
        assertTrue(e.plus(of(4)).equals(back.plus(SizeEvidence.parse(of(4).format()))), "sums of parsed evidence are the same");
        assertTrue(e.histogram(SizeEvidence.nearestScale(80)).total() > 0, "the micrograph's discs give evidence");
        assertTrue(text.length() < 4000, "compact: " + text.length() + " characters");
    }

    @Test
    void emptyEvidenceIsShortAndHandChecked() {
        String text = SizeEvidence.empty().format();
        assertEquals(String.join(";", java.util.Collections.nCopies(SizeEvidence.SCALES, "0.0,0,0")), text);
        assertEquals(SizeEvidence.empty(), SizeEvidence.parse(text));
    }

    @Test
    void otherTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SizeEvidence.parse("0.0,0,0"));
        String bad = SizeEvidence.empty().format().replaceFirst("0\\.0,0,0", "0.0,0,0,96:1");
        assertThrows(IllegalArgumentException.class, () -> SizeEvidence.parse(bad));
        assertThrows(IllegalArgumentException.class, () -> SizeEvidence.parse(SizeEvidence.empty().format().replaceFirst("0\\.0", "x")));
    }
}
