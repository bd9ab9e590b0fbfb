package org.segdiampick.bench;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcReader;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.GroundTruth;
import org.segdiampick.pick.Pick;
import org.segdiampick.pick.PickResult;
import org.segdiampick.pick.RePicker;
import org.segdiampick.pick.SegmentationPicker;
import org.segdiampick.pick.SimpleQuirks;

import java.util.ArrayList;
import java.util.List;

/**
 * Recall and precision of pass 1, and of pass 2 with the k-means bounds each data set gives as one batch, against
 * the reference centres of every shared data set (README table).
 * Usage: {@code bench/run GroundTruthReport [FLAGS]}: with FLAGS, SIMPLE's own versions of those kernels are swapped
 * in ({@link SimpleQuirks}, e.g. {@code N} = SIMPLE's corner-anchored non-local-means patch instead of decision
 * B-25), to weigh each decision against hand-picked particles.
 */
public final class GroundTruthReport {
    public static void main(String[] args) throws Exception {
        SegmentationPicker picker = args.length > 0
                ? new SegmentationPicker(Contrast.BLACK, 500, new SimpleQuirks(args[0]))
                : new SegmentationPicker(Contrast.BLACK, 500);
        System.out.println("| data set | micrographs | reference | pass 1: picks | matched | recall | precision "
                + "| k-means bounds, Å | pass 2: picks | matched | recall | precision |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (GroundTruth.Dataset ds : GroundTruth.datasets()) {
            GroundTruth.Score pass1 = new GroundTruth.Score(0, 0, 0), pass2 = new GroundTruth.Score(0, 0, 0);
            List<PickResult> results = new ArrayList<>();
            List<List<double[]>> truths = new ArrayList<>();
            List<Double> diameters = new ArrayList<>();
            double radius = 0.35 * ds.particleDiameterPx();
            for (int i = 0; i < ds.micrographs().size(); i++) {
                String mic = ds.micrographs().get(i);
                Image2D img = MrcReader.read(GroundTruth.micrographs().resolve(mic).toString(), new Configuration(), MrcReader.Options.pixelSize(ds.smpd())).image();
                PickResult r = picker.pick(img, ds.smpd(), mic.substring(mic.lastIndexOf('/') + 1));
                List<double[]> truth = GroundTruth.read(ds.truthFiles().get(i), mic, ds.classFilter());
                GroundTruth.Score s = GroundTruth.score(truth, r.picks(), radius);
                System.err.printf("  %s: %d picks, %d/%d matched%n", mic, s.picks(), s.matched(), s.truth());
                pass1 = pass1.plus(s);
                results.add(r);
                truths.add(truth);
                for (double d : r.diameters()) diameters.add(d);
            }
            // Pass 2 as the job does it: the data set is the batch, k-means bounds from all its pass-1 diameters.
            Decision dec = Estimate.run(diameters.stream().mapToDouble(Double::doubleValue).toArray(), ds.smpd(),
                    Clustering.KMEANS).decision();
            for (int i = 0; i < results.size(); i++) {
                PickResult r = results.get(i);
                List<Pick> kept = r.hasImages() ? RePicker.repick(r.binary(), r.geometry(), dec.diamMin(), dec.diamMax()) : List.of();
                pass2 = pass2.plus(GroundTruth.score(truths.get(i), kept, radius));
            }
            System.out.printf("| %s | %d | %d | %d | %d | %.2f | %.2f | %.0f–%.0f | %d | %d | %.2f | %.2f |%n", ds.name(),
                    ds.micrographs().size(), pass1.truth(), pass1.picks(), pass1.matched(), pass1.recall(), pass1.precision(),
                    dec.diamMin(), dec.diamMax(), pass2.picks(), pass2.matched(), pass2.recall(), pass2.precision());
        }
        Fft.shutdown();
    }
}
