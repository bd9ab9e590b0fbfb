package org.segdiampick.bench;

import org.segdiampick.image.Fft;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.SegmentationPicker;
import org.segdiampick.pick.SimpleOracle;

/** Our pass 1 next to SIMPLE's on the oracle batches (README table). Usage: {@code bench/run SimpleAgreementReport}. */
public final class SimpleAgreementReport {
    public static void main(String[] args) throws Exception {
        SegmentationPicker picker = new SegmentationPicker(Contrast.BLACK, 500);
        System.out.println("| batch | micrograph | SIMPLE count | our count | ratio | SIMPLE median Å | our median Å | ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (SimpleOracle.Micrograph m : SimpleOracle.micrographs()) {
            SimpleOracle.Comparison c = SimpleOracle.compare(m, picker);
            System.out.printf("| %s | %s | %d | %d | %.2f | %.1f | %.1f | %.3f |%n", m.batch(), m.name(), c.simpleCount(), c.ourCount(),
                    c.countRatio(), c.simpleMedian(), c.ourMedian(), c.medianRatio());
        }
        Fft.shutdown();
    }
}
