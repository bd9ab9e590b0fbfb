package org.segdiampick.bench;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcReader;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.GroundTruth;
import org.segdiampick.pick.PickResult;
import org.segdiampick.pick.SegmentationPicker;
import org.segdiampick.pick.SimpleQuirks;

/**
 * Recall and precision of pass 1 against the reference centres of every shared data set (README table).
 * Usage: {@code bench/run GroundTruthReport [FLAGS]}: with FLAGS, SIMPLE's own versions of those kernels are swapped
 * in ({@link SimpleQuirks}, e.g. {@code N} = SIMPLE's corner-anchored non-local-means patch instead of decision
 * B-25), to weigh each decision against hand-picked particles.
 */
public final class GroundTruthReport {
    public static void main(String[] args) throws Exception {
        SegmentationPicker picker = args.length > 0
                ? new SegmentationPicker(Contrast.BLACK, 500, new SimpleQuirks(args[0]))
                : new SegmentationPicker(Contrast.BLACK, 500);
        System.out.println("| data set | micrographs | reference | picks | matched | recall | precision |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (GroundTruth.Dataset ds : GroundTruth.datasets()) {
            GroundTruth.Score total = new GroundTruth.Score(0, 0, 0);
            for (int i = 0; i < ds.micrographs().size(); i++) {
                String mic = ds.micrographs().get(i);
                Image2D img = MrcReader.read2D(GroundTruth.micrographs().resolve(mic).toString(), new Configuration(), ds.smpd());
                PickResult r = picker.pick(img, ds.smpd(), mic.substring(mic.lastIndexOf('/') + 1));
                GroundTruth.Score s = GroundTruth.score(GroundTruth.read(ds.truthFiles().get(i), mic, ds.classFilter()), r.picks(),
                        0.35 * ds.particleDiameterPx());
                System.err.printf("  %s: %d picks, %d/%d matched%n", mic, s.picks(), s.matched(), s.truth());
                total = total.plus(s);
            }
            System.out.printf("| %s | %d | %d | %d | %d | %.2f | %.2f |%n", ds.name(), ds.micrographs().size(), total.truth(),
                    total.picks(), total.matched(), total.recall(), total.precision());
        }
        Fft.shutdown();
    }
}
