package org.segdiampick.pick;

import org.segdiampick.testing.SharedData;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.DiameterStats;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SIMPLE's own pass-1 results on its two oracle batches, and ours on the same micrographs. */
public final class SimpleOracle {

    public record Micrograph(String batch, String name, Path mrc, double smpd, double[] simpleDiameters) {
    }

    public record Comparison(Micrograph mic, int ourCount, double ourMedian, int identical) {
        public int simpleCount() {
            return mic.simpleDiameters().length;
        }

        public double simpleMedian() {
            return DiameterStats.median(mic.simpleDiameters());
        }

        public double countRatio() {
            return ourCount / (double) simpleCount();
        }

        public double medianRatio() {
            return ourMedian / simpleMedian();
        }
    }

    private SimpleOracle() {
    }

    public static Path oracle() {
        return SharedData.oracle();
    }

    public static List<Micrograph> micrographs() throws IOException {
        List<Micrograph> out = new ArrayList<>();
        for (String batch : List.of("syn", "apoferritin")) {
            double smpd = batch.equals("syn") ? 1.25 : 1.5;
            for (String line : Files.readAllLines(oracle().resolve(batch + "/micrographs.txt"))) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t");
                String name = f[0];
                Path mrc = SharedData.root().getParent().resolve(f[2]);
                String base = name.substring(0, name.lastIndexOf('.'));
                double[] d = Files.readAllLines(oracle().resolve(batch + "/pick1/" + base + "_pick1_diams_raw.txt")).stream()
                        .map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
                out.add(new Micrograph(batch, name, mrc, smpd, d));
            }
        }
        return out;
    }

    /** How many diameters agree to 1e-3 Å, position by position (0 unless the counts agree). */
    public static int identical(double[] ours, double[] simple) {
        int same = 0;
        if (ours.length == simple.length) for (int i = 0; i < ours.length; i++) if (Math.abs(ours[i] - simple[i]) < 1e-3) same++;
        return same;
    }

    public static Comparison compare(Micrograph m, SegmentationPicker picker) throws IOException {
        Image2D img = MrcReader.read(m.mrc().toString(), new Configuration(), MrcReader.Options.pixelSize(m.smpd())).image();
        PickResult r = picker.pick(img, m.smpd(), m.name());
        double[] d = r.diameters();
        return new Comparison(m, d.length, d.length == 0 ? Double.NaN : DiameterStats.median(d), identical(d, m.simpleDiameters()));
    }
}
