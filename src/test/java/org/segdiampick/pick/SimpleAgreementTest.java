package org.segdiampick.pick;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our pass 1 against SIMPLE's own pass 1 on its two oracle batches (shared/data/oracle-simple-14f07d941: three
 * synthetic 2048² micrographs at 1.25 Å, three apoferritin micrographs at 1.5 Å).
 */
class SimpleAgreementTest {

    /**
     * With SIMPLE's own versions of the five kernels that decisions.md changes (B-2/B-26 median, B-14 diameter pixel
     * size, B-15 crop, B-24 low-pass, B-25 non-local-means patch) swapped back in, every count and every diameter is
     * SIMPLE's: every other stage of our pass 1 agrees with SIMPLE exactly.
     */
    @Test
    void withSimplesQuirksPassOneIsSimplesExactly() throws Exception {
        SegmentationPicker simpleLike = new SegmentationPicker(Contrast.BLACK, 500, new SimpleQuirks("NMLDQ"));
        for (SimpleOracle.Micrograph m : SimpleOracle.micrographs()) {
            SimpleOracle.Comparison c = SimpleOracle.compare(m, simpleLike);
            assertEquals(c.simpleCount(), c.ourCount(), m.name() + ": component count");
            assertEquals(c.simpleCount(), c.identical(), m.name() + ": diameters identical to SIMPLE's (to 1e-3 Å)");
        }
    }

    /**
     * The production picker, a sanity check rather than the fidelity criterion (that is the exact reproduction
     * above): per micrograph the count within ±15 % and the median within ±20 % of SIMPLE's, and a median more than
     * 10 % off only where reverting decision B-25 alone brings it within 10 %. B-25 (centred non-local-means patch)
     * stays, as decisions.md settles; on a micrograph whose binarisation is bistable it legitimately moves the
     * median (apoferritin May08_07: more small fragments, 0.85 of SIMPLE's). README, "Agreement with SIMPLE".
     */
    @Test
    void withOurDecisionsPassOneStaysCloseToSimple() throws Exception {
        SegmentationPicker ours = new SegmentationPicker(Contrast.BLACK, 500);
        SegmentationPicker anchoredPatch = new SegmentationPicker(Contrast.BLACK, 500, new SimpleQuirks("N"));
        List<String> problems = new ArrayList<>();
        List<String> table = new ArrayList<>();
        int explainedByB25 = 0;
        for (SimpleOracle.Micrograph m : SimpleOracle.micrographs()) {
            SimpleOracle.Comparison c = SimpleOracle.compare(m, ours);
            table.add(String.format("%s: count %d vs SIMPLE %d (%.2f), median %.1f vs %.1f Å (%.3f)", m.name(), c.ourCount(),
                    c.simpleCount(), c.countRatio(), c.ourMedian(), c.simpleMedian(), c.medianRatio()));
            if (Math.abs(c.countRatio() - 1) > 0.15) problems.add(m.name() + " count ratio " + c.countRatio());
            if (Math.abs(c.medianRatio() - 1) > 0.20) problems.add(m.name() + " median ratio " + c.medianRatio());
            else if (Math.abs(c.medianRatio() - 1) > 0.10) {
                SimpleOracle.Comparison n = SimpleOracle.compare(m, anchoredPatch);
                if (Math.abs(n.medianRatio() - 1) > 0.10)
                    problems.add(m.name() + " median ratio " + c.medianRatio() + ", and " + n.medianRatio() + " with B-25 reverted");
                else explainedByB25++;
            }
        }
        assertEquals(6, table.size());
        assertTrue(problems.isEmpty(), problems + "\n" + String.join("\n", table));
        assertTrue(explainedByB25 <= 1, "B-25 explains the median gap of " + explainedByB25 + " micrographs\n" + String.join("\n", table));
    }
}
