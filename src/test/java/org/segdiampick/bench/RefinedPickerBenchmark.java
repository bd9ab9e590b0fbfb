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
import org.segdiampick.pick.refined.LearnedSize;
import org.segdiampick.pick.refined.CarbonScreen;
import org.segdiampick.pick.refined.WorkingGrid;
import org.segdiampick.pick.CarbonDetector;
import org.segdiampick.pick.refined.ParticleSizeLearner;
import org.segdiampick.pick.refined.RefinedDecision;
import org.segdiampick.pick.refined.RefinedPick;
import org.segdiampick.pick.refined.RefinedPicker;
import org.segdiampick.pick.refined.SizeEvidence;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Scores, in one run, the segmentation picker (pass 1 + estimate + re-pick, as GroundTruthReport's pass-2 table),
 * the refined picker (never told the size) and RELION 3.1.3's LoG picker (told the true diameter: 0.8–1.1 D) on
 * every shared EMPIAR set and SIMPLE's synthetic batch: picks, recall, precision, F1 and CPU seconds per
 * micrograph, against the reference centres (match within 0.35 × the true diameter, one to one).
 * Usage: {@code bench/run RefinedPickerBenchmark}. Needs /usr/bin/relion_autopick and /usr/bin/time.
 */
public final class RefinedPickerBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final double[] RELION_THRESHOLDS = {-1, -0.5, 0, 0.5, 1, 1.5, 2};

    private record Row(String method, GroundTruth.Score score, double cpuPerMic, String note) {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        SegmentationPicker seg = new SegmentationPicker(Contrast.BLACK, org.segdiampick.Parameters.DEFAULT_MOLDIAM_MAX);
        RefinedPicker refined = new RefinedPicker(Contrast.BLACK);
        // JIT warm-up on the unlabelled apoferritin micrograph (not scored): a Spark executor picks many micrographs,
        // so steady-state cost is the representative one; RELION is native code and needs none
        Image2D warm = read(GroundTruth.micrographs().resolve("empiar10146_apoferritin/May08_05.24.39.bin_avg.mrc").toString(), 1.5);
        for (int i = 0; i < 2; i++) {
            seg.pick(warm, 1.5, "warm-up.mrc");
            refined.evidence(warm, 1.5);
            refined.pick(warm, 1.5, new RefinedDecision(120, 96, 1, 120), "warm-up.mrc");
        }
        StringBuilder table = new StringBuilder();
        table.append("| data set | true D, Å | policy diam_max, Å | learned D, Å (ratio) | detection D, Å | threshold | method | picks | recall | precision | F1 | CPU s/mic |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (GroundTruth.Dataset ds : GroundTruth.datasets()) {
            double trueD = ds.particleDiameterPx() * ds.smpd(), radius = 0.35 * ds.particleDiameterPx();
            int n = ds.micrographs().size();
            List<List<double[]>> truths = new ArrayList<>(), truthsLeftOut = new ArrayList<>();
            List<String> paths = new ArrayList<>(), names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String mic = ds.micrographs().get(i);
                paths.add(GroundTruth.micrographs().resolve(mic).toAbsolutePath().normalize().toString());
                names.add(mic.substring(mic.lastIndexOf('/') + 1));
                truths.add(GroundTruth.read(ds.truthFiles().get(i), mic, ds.classFilter()));
                truthsLeftOut.add(GroundTruth.read(ds.truthFiles().get(i), mic, ds.classFilter(), GroundTruth.Fused.LEFT_OUT));
            }
            // pass 1 (segmentation) and the refined evidence, side by side, per micrograph
            long pass1Cpu = 0, evidenceCpu = 0, readCpu = 0, screenCpu = 0;
            long[] segCarbonCpu = new long[1];
            List<PickResult> results = new ArrayList<>();
            List<Double> diam = new ArrayList<>();
            SizeEvidence batch = SizeEvidence.empty();
            for (int i = 0; i < n; i++) {
                long t0 = cpu();
                Image2D img = read(paths.get(i), ds.smpd());
                long t1 = cpu();
                long[] stageStart = new long[1];
                PickResult r = seg.pick(img, ds.smpd(), names.get(i), stage -> {
                    if (stage.equals("carbon")) stageStart[0] = cpu();
                    if (stage.equals("cascade")) segCarbonCpu[0] += cpu() - stageStart[0];
                });
                long t2 = cpu();
                batch = batch.plus(refined.evidence(img, ds.smpd()));
                long t3 = cpu();
                readCpu += t1 - t0;
                pass1Cpu += t2 - t1;
                evidenceCpu += t3 - t2;
                results.add(r);
                long c0 = cpu();
                CarbonScreen.Screen cs = CarbonScreen.of(new WorkingGrid(img, ds.smpd(), Contrast.BLACK), CarbonDetector.seedFor(names.get(i)));
                screenCpu += cpu() - c0;
                System.err.printf("  %s carbon: pass 1 (4 Å) %.3f, refined screen (%.1f Å) %.3f%n", names.get(i), r.carbonFraction(),
                        cs.factor() * ds.smpd(), cs.mask().carbonFraction());
                for (double d : r.diameters()) diam.add(d);
            }
            long t4 = cpu();
            Decision dec = Estimate.run(diam.stream().mapToDouble(Double::doubleValue).toArray(), ds.smpd(), Clustering.KMEANS).decision();
            long t5 = cpu();
            GroundTruth.Score segScore = new GroundTruth.Score(0, 0, 0);
            for (int i = 0; i < n; i++) {
                PickResult r = results.get(i);
                List<Pick> kept = r.hasImages() ? RePicker.repick(r.binary(), r.geometry(), dec.diamMin(), dec.diamMax()) : List.of();
                segScore = segScore.plus(GroundTruth.score(truths.get(i), kept, radius));
            }
            long t6 = cpu();
            LearnedSize size = ParticleSizeLearner.learn(batch, dec.diamMax());
            RefinedDecision rd = RefinedDecision.learn(batch, dec.diamMax(), dec.boxInPix());
            // campaign mode: read + detect at the known size and threshold (what a --decision run does per micrograph)
            long pickCpu = 0, campaignCpu = 0, thumbCpu = 0;
            GroundTruth.Score refScore = new GroundTruth.Score(0, 0, 0), refLeftOut = refScore;
            double[] offset = new double[5];
            for (int i = 0; i < n; i++) {
                long a = cpu();
                Image2D img = read(paths.get(i), ds.smpd());
                long b = cpu();
                List<RefinedPick> picks = refined.pick(img, ds.smpd(), rd, names.get(i));
                long c = cpu();
                // campaign mode has no pass-1 density image: RefinedStage renders the thumbnail from the raw micrograph
                org.segdiampick.pick.ShrinkGeometry geo = org.segdiampick.pick.ShrinkGeometry.of(img.nx, img.ny, ds.smpd());
                org.segdiampick.image.Thumbnail.renderMicrograph(img, true, org.segdiampick.image.Thumbnail.placement(geo.nx(), geo.ny()));
                long c2 = cpu();
                thumbCpu += c2 - c;
                System.err.printf("  %s signal ratio at the detection diameter %.2f%n", names.get(i),
                        org.segdiampick.pick.refined.BlobResponse.of(new WorkingGrid(img, ds.smpd(), Contrast.BLACK), rd.detectionDiameter()).signalRatio());
                pickCpu += c - b;
                campaignCpu += c2 - a;
                List<Pick> asPicks = picks.stream().map(p -> p.toPick(rd.particleDiameter())).toList();
                refScore = refScore.plus(GroundTruth.score(truths.get(i), asPicks, radius));
                refLeftOut = refLeftOut.plus(GroundTruth.score(truthsLeftOut.get(i), asPicks, radius));
                offsets(truths.get(i), asPicks, 2 * radius, offset);
                if (i == 0 && picks.size() > 1) {
                    if (!refined.pick(read(paths.get(i), ds.smpd()), ds.smpd(), rd, names.get(i)).equals(picks))
                        throw new IllegalStateException("refined picks not deterministic on " + names.get(i));
                }
            }
            // centre bias: a systematic shift of the picks (binning grid, half-pixel offset) would show as a mean
            // offset well away from 0; how far the nearest pick lies from each reference, within two match radii
            System.err.printf("  %s refined centring: %d references with a pick within %.1f px; mean offset pick − reference (%+.2f, %+.2f) px, "
                            + "mean distance %.1f px, %.0f %% of them beyond the match radius %.1f px%n", ds.name(), (long) offset[0], 2 * radius,
                    offset[1] / offset[0], offset[2] / offset[0], offset[3] / offset[0], 100 * offset[4] / offset[0], radius);
            System.err.printf("  %s carbon detector CPU s/mic: pass 1 grid (4 Å, incl. 15 Å low-pass) %.3f, refined coarse screen %.3f%n",
                    ds.name(), segCarbonCpu[0] / 1e9 / n, screenCpu / 1e9 / n);
            // diagnostics: every candidate with its figure of merit, with and without the edge rule, to show what the
            // automatic threshold and the edge rule cost against a threshold chosen with the truth
            List<List<RefinedPick>> all = new ArrayList<>(), allNoEdge = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Image2D img = read(paths.get(i), ds.smpd());
                all.add(refined.pick(img, ds.smpd(), rd.withThreshold(0.25), names.get(i)));
                allNoEdge.add(refined.pick(img, ds.smpd(), new RefinedDecision(rd.particleDiameter(), rd.detectionDiameter(), 0.25, 1), names.get(i)));
            }
            System.err.printf("  %s refined diagnostics: auto threshold %.2f F1 %.3f; no edge rule F1 %.3f; best threshold (truth) %s; best without edge rule %s%n",
                    ds.name(), rd.threshold(), f1(refScore), f1(scoreAt(allNoEdge, truths, radius, rd.threshold())),
                    bestThreshold(all, truths, radius), bestThreshold(allNoEdge, truths, radius));
            List<Row> rows = new ArrayList<>();
            rows.add(new Row("segmentation (pass 1 + estimate + re-pick)", segScore,
                    (pass1Cpu + (t5 - t4) + (t6 - t5)) / 1e9 / n, ""));
            double extra = (evidenceCpu + pickCpu) / (double) pass1Cpu;
            rows.add(new Row("refined (campaign: read + pick + thumbnail)", refScore, campaignCpu / 1e9 / n,
                    String.format("evidence %.3f s + pick %.3f s per mic = +%.1f %% of pass 1 (%.3f s/mic); read %.3f s/mic, campaign thumbnail %.3f s/mic",
                            evidenceCpu / 1e9 / n, pickCpu / 1e9 / n, 100 * extra, pass1Cpu / 1e9 / n, readCpu / 1e9 / n, thumbCpu / 1e9 / n)
                            + leftOutNote(refScore, refLeftOut)));
            Row best = null, dflt = null;
            for (double th : RELION_THRESHOLDS) {
                Row r = relion(ds, paths, names, truths, truthsLeftOut, radius, th, 0);
                if (th == 0) dflt = r;
                if (best == null || f1(r.score) > f1(best.score)) best = r;
            }
            rows.add(dflt);
            rows.add(best);
            double bestTh = Double.parseDouble(best.method.replaceAll(".*threshold ([-+0-9.]+).*", "$1"));
            Row edge = relion(ds, paths, names, truths, truthsLeftOut, radius, bestTh, dec.boxInPix());
            rows.add(new Row(edge.method.replace("(best)", "(best), picks within half a box of the edge dropped as refined does"),
                    edge.score, edge.cpuPerMic, edge.note));
            for (Row r : rows) {
                table.append(String.format("| %s | %.0f | %.0f | %.0f (%.2f) | %.0f | %.2f | %s | %d | %.2f | %.2f%s | %.3f | %.3f |%n",
                        ds.name(), trueD, dec.diamMax(), rd.particleDiameter(), rd.particleDiameter() / trueD,
                        rd.detectionDiameter(), rd.threshold(), r.method, r.score.picks(), r.score.recall(), r.score.precision(),
                        ds.name().contains("ribosome") ? " (lower bound)" : "", f1(r.score), r.cpuPerMic));
                if (!r.note.isEmpty()) System.err.println("  " + ds.name() + " " + r.method + ": " + r.note);
            }
            System.err.printf("  %s: mixture %s%n", ds.name(), org.segdiampick.pick.refined.ScoreThreshold.fit(batch.histogram(size.bestScale())));
            System.err.printf("  %s: histogram %s%n", ds.name(), java.util.Arrays.toString(batch.histogram(size.bestScale()).counts()));
            System.err.printf("  %s: learned %s; top-k curve:", ds.name(), size);
            for (double[] c : batch.curve()) System.err.printf(" %.0f:%.2f", c[0], c[1]);
            System.err.println();
            System.err.print(table);
        }
        System.out.print(table);
        Fft.shutdown();
    }

    private static Row relion(GroundTruth.Dataset ds, List<String> paths, List<String> names, List<List<double[]>> truths,
                              List<List<double[]>> truthsLeftOut,
                              double radius, double threshold, int box) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("relion-log");
        try {
            StringBuilder star = new StringBuilder("\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n"
                    + "_rlnMicrographPixelSize #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n");
            star.append(String.format("opticsGroup1 1 %.4f 300 2.7 0.1%n%ndata_micrographs%n%nloop_%n_rlnMicrographName #1%n_rlnOpticsGroup #2%n", ds.smpd()));
            for (int i = 0; i < paths.size(); i++) {
                Files.createSymbolicLink(dir.resolve(names.get(i)), Path.of(paths.get(i)));
                star.append(names.get(i)).append(" 1\n");
            }
            Files.writeString(dir.resolve("mics.star"), star.toString());
            double d = ds.particleDiameterPx() * ds.smpd();
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", "cpu.txt", "relion_autopick",
                    "--i", "mics.star", "--odir", "D/", "--pickname", "autopick", "--LoG",
                    "--LoG_diam_min", String.format("%.1f", 0.8 * d), "--LoG_diam_max", String.format("%.1f", 1.1 * d),
                    "--angpix", String.valueOf(ds.smpd()), "--shrink", "0", "--lowpass", "20"));
            if (threshold != 0) cmd.addAll(List.of("--LoG_adjust_threshold", String.valueOf(threshold)));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log.txt").toFile()).start();
            if (p.waitFor() != 0) throw new IOException("relion_autopick failed, see " + dir.resolve("log.txt"));
            String[] t = Files.readString(dir.resolve("cpu.txt")).trim().split("\\s+");
            double cpu = Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1]);
            GroundTruth.Score s = new GroundTruth.Score(0, 0, 0), s2 = s;
            for (int i = 0; i < names.size(); i++) {
                String stem = names.get(i).replaceAll("\\.mrc$", "");
                List<Pick> picks = readCoords(dir.resolve("D").resolve(stem + "_autopick.star"));
                if (box > 0) {
                    Image2D img = read(paths.get(i), ds.smpd());
                    int h = box / 2;
                    picks = picks.stream().filter(q -> q.x() >= h && q.y() >= h && q.x() + h <= img.nx && q.y() + h <= img.ny).toList();
                }
                s = s.plus(GroundTruth.score(truths.get(i), picks, radius));
                s2 = s2.plus(GroundTruth.score(truthsLeftOut.get(i), picks, radius));
            }
            return new Row(String.format("RELION 3.1.3 LoG, true D, threshold %+.1f%s", threshold, threshold == 0 ? " (default)" : " (best)"),
                    s, cpu / names.size(), leftOutNote(s, s2));
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Adds, per reference with a pick within {@code within} px, {1, dx, dy, distance, beyond half of within} of its nearest pick. */
    private static void offsets(List<double[]> truth, List<Pick> picks, double within, double[] acc) {
        for (double[] t : truth) {
            Pick best = null;
            double bd = within;
            for (Pick p : picks) {
                double d = Math.hypot(p.x() - t[0], p.y() - t[1]);
                if (d <= bd) {
                    bd = d;
                    best = p;
                }
            }
            if (best == null) continue;
            acc[0]++;
            acc[1] += best.x() - t[0];
            acc[2] += best.y() - t[1];
            acc[3] += bd;
            if (bd > within / 2) acc[4]++;
        }
    }

    /** The score against the references with fused label discs left out (picking-research.md's protocol), when it differs. */
    private static String leftOutNote(GroundTruth.Score split, GroundTruth.Score leftOut) {
        return split.truth() == leftOut.truth() ? "" : String.format("; fused label discs left out instead of split: %d references, "
                + "recall %.2f, precision %.2f, F1 %.3f", leftOut.truth(), leftOut.recall(), leftOut.precision(), f1(leftOut));
    }

    private static List<Pick> readCoords(Path star) throws IOException {
        List<Pick> out = new ArrayList<>();
        if (!Files.exists(star)) return out;
        for (String line : Files.readAllLines(star)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !Character.isDigit(f[0].charAt(0)) && f[0].charAt(0) != '-') continue;
            try {
                out.add(new Pick(0, (int) Math.round(Double.parseDouble(f[0])), (int) Math.round(Double.parseDouble(f[1]))));
            } catch (NumberFormatException e) {
                // header line such as "# version 30001"
            }
        }
        return out;
    }

    private static GroundTruth.Score scoreAt(List<List<RefinedPick>> all, List<List<double[]>> truths, double radius, double t) {
        GroundTruth.Score s = new GroundTruth.Score(0, 0, 0);
        for (int i = 0; i < all.size(); i++) {
            List<Pick> p = all.get(i).stream().filter(q -> q.figureOfMerit() >= t).map(q -> q.toPick(0)).toList();
            s = s.plus(GroundTruth.score(truths.get(i), p, radius));
        }
        return s;
    }

    private static String bestThreshold(List<List<RefinedPick>> all, List<List<double[]>> truths, double radius) {
        double best = -1, bt = 0;
        for (double t = 0.25; t < 60; t *= 1.05) {
            double f = f1(scoreAt(all, truths, radius, t));
            if (f > best) {
                best = f;
                bt = t;
            }
        }
        return String.format("%.2f → F1 %.3f", bt, best);
    }

    private static Image2D read(String path, double smpd) throws IOException {
        return MrcReader.read(path, new Configuration(), MrcReader.Options.pixelSize(smpd)).image();
    }

    private static double f1(GroundTruth.Score s) {
        double r = s.recall(), p = s.precision();
        return r + p == 0 ? 0 : 2 * r * p / (r + p);
    }

    private static long cpu() {
        return CPU.getCurrentThreadCpuTime();
    }
}
