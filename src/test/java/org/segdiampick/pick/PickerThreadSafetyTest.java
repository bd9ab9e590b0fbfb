package org.segdiampick.pick;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Spark executor runs several picking tasks at once in one JVM: the kernels' per-thread FFT plans and scratch
 * buffers and the median filter's shared network plans must not leak between threads. Three micrographs picked
 * twice each on four threads at once must give exactly what one thread gives.
 */
class PickerThreadSafetyTest {

    @Test
    void concurrentPicksEqualSequentialPicksBitForBit() throws Exception {
        Path dir = Path.of("examples/apoferritin");
        List<String> names = List.of("May08_03.13.02.bin_avg.mrc", "May08_05.24.39.bin_avg.mrc", "May08_07.10.35.bin_avg.mrc");
        List<Image2D> mics = new ArrayList<>();
        for (String n : names) mics.add(MrcReader.read(dir.resolve(n).toString(), new Configuration(), MrcReader.Options.pixelSize(1.5)).image());
        SegmentationPicker picker = new SegmentationPicker(Contrast.BLACK, 500);

        List<PickResult> sequential = new ArrayList<>();
        for (int i = 0; i < mics.size(); i++) sequential.add(picker.pick(mics.get(i), 1.5, names.get(i)));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PickResult>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++)
                for (int i = 0; i < mics.size(); i++) {
                    final int k = i;
                    futures.add(pool.submit(() -> picker.pick(mics.get(k), 1.5, names.get(k))));
                }
            for (int f = 0; f < futures.size(); f++) {
                PickResult want = sequential.get(f % mics.size()), got = futures.get(f).get();
                String mic = names.get(f % mics.size());
                assertEquals(want.picks(), got.picks(), mic);
                assertEquals(want.carbonFraction(), got.carbonFraction(), mic);
                assertArrayEquals(want.density().data, got.density().data, mic);
                assertArrayEquals(want.topology().data, got.topology().data, mic);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
