package org.segdiampick.bench;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.DiameterStats;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcReader;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.SegmentationPicker;
import org.segdiampick.pick.SimpleOracle;
import org.segdiampick.pick.SimpleQuirks;

import java.util.Arrays;
import java.util.List;

/**
 * Which deliberate deviation from SIMPLE (decisions.md) moves pass 1 how far from SIMPLE's own pass 1: the
 * production picker with the variant's letters of {@link SimpleQuirks} swapped in ({@code A} also runs the
 * synthetic batch, which is square and agrees already). Variant {@code NMLDQ} reproduces SIMPLE's pass 1 exactly.
 * Usage: {@code bench/run SimpleQuirkAttribution [variant ...]} ({@code -} = the production picker).
 */
public final class SimpleQuirkAttribution {

    public static void main(String[] args) throws Exception {
        List<String> variants = args.length > 0 ? Arrays.asList(args)
                : List.of("-", "NMLDQ", "MLDQ", "NLDQ", "NMDQ", "NMLQ", "NMLD", "N");
        System.out.println("| variant | micrograph | SIMPLE count | count | ratio | SIMPLE median Å | median Å | ratio | identical diameters |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String v : variants) {
            String flags = v.equals("-") ? "" : v;
            SegmentationPicker picker = new SegmentationPicker(Contrast.BLACK, 500, new SimpleQuirks(flags));
            for (SimpleOracle.Micrograph m : SimpleOracle.micrographs()) {
                if (!m.batch().equals("apoferritin") && flags.indexOf('A') < 0) continue;
                Image2D raw = MrcReader.read(m.mrc().toString(), new Configuration(), MrcReader.Options.pixelSize(m.smpd())).image();
                double[] d = picker.pick(raw, m.smpd(), m.name()).diameters();
                double[] s = m.simpleDiameters();
                System.out.printf("| %s | %s | %d | %d | %.3f | %.2f | %.2f | %.3f | %d |%n", v, m.name(), s.length, d.length,
                        d.length / (double) s.length, DiameterStats.median(s), DiameterStats.median(d),
                        DiameterStats.median(d) / DiameterStats.median(s), SimpleOracle.identical(d, s));
            }
        }
        Fft.shutdown();
    }
}
