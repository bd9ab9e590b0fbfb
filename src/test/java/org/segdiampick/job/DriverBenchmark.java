package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.estimate.EstimateReport;
import org.segdiampick.io.Importer;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.pick.Contrast;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The driver alone on a campaign-size project, no Spark and no pixels: import of a 100,000-micrograph STAR file,
 * selection, the estimate on 10⁷ diameters (100 per micrograph), then, from generated outcomes, the join, the
 * project update and write, micrographs.tsv, coords.star, micrographs.star, summary.json and report.html, and the
 * stale-output sweep over four (empty) files per micrograph.
 * Prints each step's time, the total and the peak heap (sum of the heap pools' peaks).
 * Usage: {@code bench/run org.segdiampick.job.DriverBenchmark [micrographs=100000] [per-micrograph=100]}.
 */
public final class DriverBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int per = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path work = Files.createTempDirectory("segdiampick-driver");
        Configuration conf = new Configuration();
        for (int i = 0; i < 3; i++) System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        try {
            StringBuilder star = new StringBuilder("\ndata_optics\n\nloop_\n_rlnOpticsGroup #1\n_rlnMicrographPixelSize #2\n1 1.0\n\n"
                    + "data_micrographs\n\nloop_\n_rlnMicrographName #1\n_rlnOpticsGroup #2\n");
            // the import checks every micrograph's header: tiny 2 x 2 MRC files stand in for the micrographs
            org.segdiampick.image.Image2D tiny = new org.segdiampick.image.Image2D(2, 2, 1.0, 1.0, new float[]{0, 1, 2, 3});
            for (int i = 0; i < n; i++) {
                Path mic = work.resolve(String.format("campaign/grid%02d/FoilHole_%07d.mrc", i % 40, i));
                if (i < 40) Files.createDirectories(mic.getParent());
                org.segdiampick.io.MrcWriter.write(tiny, mic.toString(), conf);
                star.append(mic).append(" 1\n");
            }
            Path starFile = work.resolve("micrographs.star");
            Files.writeString(starFile, star, StandardCharsets.UTF_8);
            star = null;
            for (int i = 0; i < 3; i++) System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
            long t0 = System.nanoTime(), t = t0;

            List<MicRecord> records = Importer.importMics(starFile.toString(), null, conf);
            Path project = work.resolve("project.jsonl");
            ProjectStore.write(project.toString(), records, conf);
            records = ProjectStore.read(project.toString(), conf);
            t = lap("import STAR + write + read project", t);
            ProjectSelection sel = ProjectSelection.select(records, null, project.toString());
            t = lap("selection", t);

            Random r = new Random(7);
            OutputLayout layout = new OutputLayout(work.resolve("out").toString());
            List<Pass1Outcome> p1 = new ArrayList<>(n);
            List<Pass2Outcome> p2 = new ArrayList<>(n);
            for (MicTask task : sel.tasks) {
                double[] d = new double[per];
                for (int k = 0; k < per; k++) d[k] = r.nextDouble() < 0.1 ? 20 + 400 * r.nextDouble() : 100 + 10 * r.nextGaussian();
                p1.add(new Pass1Outcome(task.index(), task.name(), Pass1Outcome.Status.PICKED, null, Particles.diametersOnly(d),
                        5760, 4092, null, null, null, null, null, 0, "1", 1000));
            }
            t = lap("generated outcomes (" + (long) n * per + " diameters)", t);
            double[] all = new double[n * per];
            int k = 0;
            for (Pass1Outcome x : p1) for (double d : x.diameters()) all[k++] = d;
            EstimateReport report = Estimate.run(all, 1.0, Clustering.KMEANS);
            all = null;
            t = lap("estimate (k-means) on " + (long) n * per + " diameters", t);
            for (MicTask task : sel.tasks)
                p2.add(new Pass2Outcome(task.index(), task.name(), 80, layout.box(task.name()), layout.coords(task.intg()), null, null));
            List<MicResult> results = MicResult.join(sel.tasks, p1, p2);
            t = lap("join", t);
            List<MicRecord> updated = ProjectUpdate.afterRun(records, results);
            ProjectStore.write(project.toString(), updated, conf);
            t = lap("project update + write", t);
            RunOutputs out = new RunOutputs(layout, conf);
            out.coordsIndex(results);
            out.relionMicrographs(results, 1.0);
            out.micrographTable(results);
            ReportPage.write(layout, report, report.decision(), null, 1.0, results, conf);
            RunOptions o = new RunOptions(project.toString(), layout.out(), null, Clustering.KMEANS, Contrast.BLACK, 500, false, 0.1, null, false, false);
            ObjectNode s = RunSummary.run(report, report.decision(), o, 1.0, results,
                    new RunSummary.SparkInfo("none", "none", List.of(), 0), Map.of(), "micrographs.tsv");
            out.summary(layout.summary(), s);
            t = lap("coords.star + micrographs.star + micrographs.tsv + report.html + summary.json", t);
            // the stale-output sweep over a folder as a run leaves it: a box, coordinate, thumbnail and checkpoint
            // file per micrograph (empty: only their number matters), 1 % of them stale
            java.util.Set<String> ours = new java.util.HashSet<>();
            int files = 0;
            for (MicResult x : results) {
                for (String f : List.of(x.boxfile(), x.coordFile(), layout.thumb(x.name()), layout.resolve(Checkpoints.FOLDER) + "/" + x.name() + ".json")) {
                    Path p = Path.of(f);
                    if (!Files.isDirectory(p.getParent())) Files.createDirectories(p.getParent());
                    Files.createFile(p);
                    files++;
                    if (x.task().index() % 100 != 0) ours.add(f);
                }
            }
            long creating = System.nanoTime() - t;
            t = lap("(created " + files + " empty per-micrograph files: not in the total)", t);
            int stale;
            try (OutputOwnership owner = OutputOwnership.lock(layout.out(), project.toString(), "DriverBenchmark", conf)) {
                stale = owner.sweepStale(ours);
            }
            t = lap("stale-output sweep: listed " + files + " files, deleted " + stale, t);
            System.out.printf("total %.2f s; peak heap %.0f MB; report.html %d B, summary.json %d B, micrographs.tsv %d B%n",
                    (t - t0 - creating) / 1e9, peakHeapMb(), Files.size(work.resolve("out/report.html")), Files.size(work.resolve("out/summary.json")),
                    Files.size(work.resolve("out/micrographs.tsv")));
        } finally {
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long lap(String what, long t) {
        long now = System.nanoTime();
        System.out.printf("%-80s %7.2f s%n", what, (now - t) / 1e9);
        return now;
    }

    private static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return sum / 1048576.0;
    }

    private DriverBenchmark() {
    }
}
