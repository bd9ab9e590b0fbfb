package org.segdiampick.testing;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small generated micrographs for the campaign tests (fast to pick): 256² at 2 Å/px, 3–6 dark discs of 60–110 Å
 * on Gaussian noise, seeded by their number, so every test run writes the same bytes. The campaign tests and the
 * campaign-scale benchmark (ScaleBenchmark) use the same micrographs.
 */
public final class SmallBatch {
    public static final int SIZE = 256;
    public static final double SMPD = 2.0;

    private SmallBatch() {
    }

    /** Writes {@code n} micrographs {@code mic000.mrc ...} into {@code dir}; returns their paths in order. */
    public static List<Path> write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve(String.format("mic%03d.mrc", i));
            MrcWriter.write(generate(i), p.toString(), new Configuration());
            out.add(p);
        }
        return out;
    }

    /** Micrograph {@code i} of the batch. */
    public static Image2D generate(int i) {
        Random r = new Random(1000L + i);
        float[] d = new float[SIZE * SIZE];
        for (int k = 0; k < d.length; k++) d[k] = (float) r.nextGaussian();
        int discs = 3 + r.nextInt(4);
        for (int k = 0; k < discs; k++) {
            double rad = (30 + r.nextInt(26)) / SMPD, cx = rad + r.nextDouble() * (SIZE - 2 * rad), cy = rad + r.nextDouble() * (SIZE - 2 * rad);
            for (int y = 0; y < SIZE; y++)
                for (int x = 0; x < SIZE; x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) d[y * SIZE + x] -= 2.5f;
        }
        return new Image2D(SIZE, SIZE, SMPD, SMPD, d);
    }
}
