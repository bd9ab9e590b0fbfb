package org.segdiampick.job;

// Over 300 lines on purpose: this is the one class that distributes (stage 1, stage 6, the refined picker's two
// stages, their aggregations and the Parquet write), so that every Spark call of the job is found in one file.

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.segdiampick.pick.refined.RefinedPick;
import org.segdiampick.pick.refined.ScoreHistogram;
import org.segdiampick.pick.refined.SizeEvidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The only place that distributes work: stage 1 (pick or import) and stage 6 (re-pick and write, or the refined
 * picker's pick and write) run on executors, one micrograph at a time, one {@link PickStage}/{@link RepickStage}/
 * {@link RefinedStage} per partition; the driver gets back small outcome records, sorted into project order, and the
 * refined picker's size evidence and score histograms only as tree-aggregated sums.
 */
final class SparkStages {
    private static final Logger LOG = LoggerFactory.getLogger(SparkStages.class);
    /** More partitions balance uneven micrographs; each partition re-uses its picker and the thread's FFT plans. */
    private static final int MAX_PARTITIONS = 20_000;
    static final int WAVES_PER_CORE = 8;
    static final int MICS_PER_PARTITION = 16;

    private SparkStages() {
    }

    /**
     * Stage 1's outcomes as a typed Spark SQL table ({@link OutcomeRows#PASS1}: one row per micrograph, its particles
     * as arrays), cached on the executors for stage 6; {@code driver} is what the driver collected of it, in project
     * order: every column but the particle centres ({@link OutcomeRows#DRIVER_COLUMNS}).
     */
    record Pass1Table(Dataset<Row> rows, List<Pass1Outcome> driver, long resumed) implements AutoCloseable {
        @Override
        public void close() {
            if (rows != null) rows.unpersist();
        }
    }

    /**
     * Stage 1 with resume ({@code checkpoints} non-null): a micrograph with a valid checkpoint is taken from it, any
     * other one is processed and checkpointed as soon as it is done (so an interrupted run loses only the running ones).
     *
     * @param evidence also the refined picker's size evidence per micrograph, in the table's {@code evidence} column
     *                 (then the checkpoints hold it too: {@link Checkpoints#of(PickSettings, boolean)})
     */
    static Pass1Table pass1(SparkSession spark, List<MicTask> tasks, PickSettings settings, Checkpoints checkpoints,
                            Broadcast<HadoopConf> conf, String verb, boolean evidence) {
        if (tasks.isEmpty()) return new Pass1Table(null, List.of(), 0);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator done = spark.sparkContext().longAccumulator("micrographs " + verb);
        LongAccumulator resumed = spark.sparkContext().longAccumulator("micrographs resumed");
        org.apache.hadoop.conf.Configuration driverConf = spark.sparkContext().hadoopConfiguration();
        Interruption.counting(() -> checkpoints == null ? 0 : checkpoints.count(tasks, driverConf));
        try (Progress ignored = new Progress(done, tasks.size(), verb)) {
            JavaRDD<Row> picked = jsc.parallelize(tasks, partitions(tasks.size(), jsc.defaultParallelism()))
                    .mapPartitions((Iterator<MicTask> it) -> {
                        PickStage stage = new PickStage(settings, evidence);
                        String executor = SparkEnv.get().executorId();
                        org.apache.hadoop.conf.Configuration hc = conf.value().get();
                        List<Row> res = new ArrayList<>();
                        while (it.hasNext()) {
                            MicTask t = it.next();
                            java.util.Optional<PickStage.WithEvidence> earlier = checkpoints == null ? java.util.Optional.empty() : checkpoints.resume(t, hc);
                            PickStage.WithEvidence x;
                            if (earlier.isPresent()) {
                                x = earlier.get();
                                resumed.add(1);
                            } else {
                                x = stage.processWithEvidence(t, hc, executor);
                                if (checkpoints != null) checkpoints.record(t, x, hc);
                            }
                            res.add(OutcomeRows.pass1(t, x.outcome(), x.evidence()));
                            done.add(1);
                        }
                        return res.iterator();
                    });
            Dataset<Row> rows = spark.createDataFrame(picked, OutcomeRows.PASS1).persist(StorageLevel.MEMORY_AND_DISK());
            List<Pass1Outcome> out = new ArrayList<>(tasks.size());
            try {
                for (Row r : rows.select(OutcomeRows.DRIVER_COLUMNS[0], java.util.Arrays.copyOfRange(OutcomeRows.DRIVER_COLUMNS, 1,
                        OutcomeRows.DRIVER_COLUMNS.length)).collectAsList()) out.add(OutcomeRows.driverOutcome(r));
            } catch (Exception e) {
                rows.unpersist();
                throw failFastOrRethrow(spark, e);
            }
            out.sort(Comparator.comparingInt(Pass1Outcome::index));
            if (resumed.value() > 0) LOG.info("resumed {} of {} micrographs from their checkpoints", resumed.value(), tasks.size());
            return new Pass1Table(rows, out, resumed.value());
        }
    }

    /** Stage 6's outcome for one micrograph and the particles it kept (for picks.parquet). */
    record Pass2Result(String micrograph, Pass2Outcome outcome, List<org.segdiampick.pick.Pick> kept) implements java.io.Serializable {
    }

    /**
     * Stage 6 on every micrograph that stage 1 did not fail, from the cached stage-1 table (the particles never
     * travel through the driver); then every kept particle goes to {@code picksParquet} through Spark's own writer.
     */
    static List<Pass2Outcome> pass2(SparkSession spark, Pass1Table pass1, long micrographs, RepickStage stage,
                                    Broadcast<HadoopConf> conf, String picksParquet) {
        if (micrographs == 0) {
            spark.createDataFrame(List.of(), OutcomeRows.PICKS).write().mode(SaveMode.Overwrite).parquet(picksParquet);
            return List.of();
        }
        LongAccumulator done = spark.sparkContext().longAccumulator("micrographs re-picked");
        try (Progress ignored = new Progress(done, (int) micrographs, "re-picked")) {
            JavaRDD<Pass2Result> repicked = pass1.rows().filter(functions.col("status").notEqual(Pass1Outcome.Status.FAILED.name()))
                    .javaRDD().mapPartitions((Iterator<Row> it) -> {
                        List<Pass2Result> res = new ArrayList<>();
                        while (it.hasNext()) {
                            Row r = it.next();
                            MicTask t = OutcomeRows.task(r);
                            RepickStage.Result x = stage.processKeeping(t, OutcomeRows.outcome(r), conf.value().get());
                            res.add(new Pass2Result(t.intg(), x.outcome(), x.kept()));
                            done.add(1);
                        }
                        return res.iterator();
                    }).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                List<Pass2Outcome> out;
                try {
                    out = new ArrayList<>(repicked.map(Pass2Result::outcome).collect());
                } catch (Exception e) {
                    throw failFastOrRethrow(spark, e);
                }
                out.sort(Comparator.comparingInt(Pass2Outcome::index));
                long particles = 0;
                for (Pass2Outcome o : out) particles += o.nptcls();
                writePicks(spark, repicked, particles, picksParquet);
                return out;
            } finally {
                repicked.unpersist(false);
            }
        }
    }

    /**
     * The batch's refined size evidence: the {@code evidence} column of the cached stage-1 table, summed on the
     * executors by a tree aggregation; the driver receives one {@link SizeEvidence}, never one per micrograph.
     */
    static SizeEvidence batchEvidence(Pass1Table pass1) {
        if (pass1.rows() == null) return SizeEvidence.empty();
        return pass1.rows().select("evidence").where(functions.col("evidence").isNotNull()).javaRDD()
                .map(r -> OutcomeRows.evidence((byte[]) r.get(0)))
                .treeAggregate(SizeEvidence.empty(), SizeEvidence::plus, SizeEvidence::plus);
    }

    /**
     * What refined stage 6 sends to the driver: the outcomes (in campaign mode also the stage-1 outcomes made
     * there) and the figures of merit of every pick, binned and tree-aggregated.
     */
    record RefinedPass(List<Pass1Outcome> picked, List<Pass2Outcome> repicked, ScoreHistogram merits, long resumed) {
    }

    /** Refined stage 6 after pass 1: every micrograph that stage 1 did not fail, from the cached stage-1 table. */
    static RefinedPass refinedAfterPass1(SparkSession spark, Pass1Table pass1, long micrographs, RefinedStage stage,
                                         Broadcast<HadoopConf> conf, String picksParquet) {
        if (micrographs == 0) return refined(spark, null, 0, stage, conf, picksParquet);
        JavaRDD<RefinedInput> in = pass1.rows().filter(functions.col("status").notEqual(Pass1Outcome.Status.FAILED.name()))
                .javaRDD().map(r -> new RefinedInput(OutcomeRows.task(r), OutcomeRows.outcome(r)));
        return refined(spark, in, micrographs, stage, conf, picksParquet);
    }

    /** Refined stage 6 in campaign mode: every task, no pass 1 (the micrograph is read once, here). */
    static RefinedPass refinedCampaign(SparkSession spark, List<MicTask> tasks, RefinedStage stage,
                                       Broadcast<HadoopConf> conf, String picksParquet) {
        if (tasks.isEmpty()) return refined(spark, null, 0, stage, conf, picksParquet);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<RefinedInput> in = jsc.parallelize(tasks, partitions(tasks.size(), jsc.defaultParallelism())).map(t -> new RefinedInput(t, null));
        return refined(spark, in, tasks.size(), stage, conf, picksParquet);
    }

    record RefinedInput(MicTask task, Pass1Outcome pass1) implements java.io.Serializable {
    }

    /** Refined stage 6's result for one micrograph, with its name for picks.parquet. */
    record RefinedResult(String micrograph, RefinedStage.Result refined) implements java.io.Serializable {
    }

    private static RefinedPass refined(SparkSession spark, JavaRDD<RefinedInput> in, long micrographs, RefinedStage stage,
                                       Broadcast<HadoopConf> conf, String picksParquet) {
        if (micrographs == 0) {
            spark.createDataFrame(List.of(), OutcomeRows.PICKS).write().mode(SaveMode.Overwrite).parquet(picksParquet);
            return new RefinedPass(List.of(), List.of(), new ScoreHistogram(), 0);
        }
        LongAccumulator done = spark.sparkContext().longAccumulator("micrographs picked (refined)");
        try (Progress ignored = new Progress(done, (int) micrographs, "picked (refined)")) {
            JavaRDD<RefinedResult> results = in.mapPartitions((Iterator<RefinedInput> it) -> {
                String executor = SparkEnv.get().executorId();
                List<RefinedResult> res = new ArrayList<>();
                while (it.hasNext()) {
                    RefinedInput x = it.next();
                    RefinedStage.Result r = stage.process(x.task(), x.pass1(), conf.value().get(), executor);
                    res.add(new RefinedResult(x.task().intg(), r));
                    done.add(1);
                }
                return res.iterator();
            }).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                List<Pass1Outcome> picked = new ArrayList<>();
                List<Pass2Outcome> repicked = new ArrayList<>();
                long particles = 0, resumed = 0;
                try {
                    // the driver collects the outcomes only; picks and merits stay on the executors
                    for (RefinedStage.Result r : results.map(x -> x.refined().outcomes()).collect()) {
                        if (r.resumed()) resumed++;
                        if (r.pick() != null) picked.add(r.pick());
                        if (r.repick() != null) {
                            repicked.add(r.repick());
                            particles += r.repick().nptcls();
                        }
                    }
                } catch (Exception e) {
                    throw failFastOrRethrow(spark, e);
                }
                picked.sort(Comparator.comparingInt(Pass1Outcome::index));
                repicked.sort(Comparator.comparingInt(Pass2Outcome::index));
                ScoreHistogram merits = results.map(x -> x.refined().merits())
                        .treeAggregate(new ScoreHistogram(), ScoreHistogram::plus, ScoreHistogram::plus);
                int files = (int) Math.max(1, Math.min(results.getNumPartitions(), (particles + PICKS_PER_FILE - 1) / PICKS_PER_FILE));
                double diameter = stage.particleDiameter();
                JavaRDD<Row> rows = results.flatMap(x -> {
                    List<Row> l = new ArrayList<>(x.refined().kept().size());
                    for (RefinedPick p : x.refined().kept()) l.add(OutcomeRows.pick(x.micrograph(), p, diameter));
                    return l.iterator();
                }).coalesce(files);
                spark.createDataFrame(rows, OutcomeRows.PICKS).write().mode(SaveMode.Overwrite).parquet(picksParquet);
                if (resumed > 0) LOG.info("resumed {} of {} micrographs from their checkpoints", resumed, micrographs);
                return new RefinedPass(picked, repicked, merits, resumed);
            } finally {
                results.unpersist(false);
            }
        }
    }

    /** Rows per Parquet file, about: a campaign's table is a few large files, not one per partition. */
    static final long PICKS_PER_FILE = 4_000_000;

    private static void writePicks(SparkSession spark, JavaRDD<Pass2Result> repicked, long particles, String path) {
        int files = (int) Math.max(1, Math.min(repicked.getNumPartitions(), (particles + PICKS_PER_FILE - 1) / PICKS_PER_FILE));
        JavaRDD<Row> rows = repicked.flatMap(x -> {
            List<Row> l = new ArrayList<>(x.kept().size());
            for (org.segdiampick.pick.Pick p : x.kept()) l.add(OutcomeRows.pick(x.micrograph(), p));
            return l.iterator();
        }).coalesce(files);
        spark.createDataFrame(rows, OutcomeRows.PICKS).write().mode(SaveMode.Overwrite).parquet(path);
    }

    /**
     * A failed Spark job as the run's failure. Spark ends the job at its first failed task while the stage's other
     * tasks may still be writing outputs; they are cancelled and awaited (up to a minute) first, so that nothing
     * writes into OUT after the run has reported its failure (a rerun in the same JVM, a test's clean-up).
     */
    static RuntimeException failFastOrRethrow(SparkSession spark, Exception e) {
        awaitTasksEnded(spark);
        return failFastOrRethrow(e);
    }

    private static void awaitTasksEnded(SparkSession spark) {
        try {
            spark.sparkContext().cancelAllJobs();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (runningTasks(spark) > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // the context is stopping (a signal): nothing left to wait for
        }
    }

    private static int runningTasks(SparkSession spark) {
        int n = 0;
        for (org.apache.spark.SparkExecutorInfo x : spark.sparkContext().statusTracker().getExecutorInfos()) n += x.numRunningTasks();
        return n;
    }

    /**
     * With {@code --fail-fast} a task throws {@link MicrographFailedException}; Spark aborts the job and the
     * driver sees a SparkException. That becomes exit code 4 with the micrograph named; a {@link StorageFailure} (or
     * Hadoop's FSError from a write outside our own) becomes the environment's failure, exit 1. In local mode the
     * task's exception is the cause; on a cluster it may only survive as text in the message.
     */
    static RuntimeException failFastOrRethrow(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MicrographFailedException m)
                return new RunFailedException(RunFailedException.Reason.TOO_MANY_FAILED, m.getMessage(), e);
            if (t instanceof StorageFailure f)
                return new RunFailedException(RunFailedException.Reason.ENVIRONMENT, f.getMessage(), e);
            if (t instanceof org.apache.hadoop.fs.FSError f) // a write outside our own (Spark's Parquet writer)
                return new RunFailedException(RunFailedException.Reason.ENVIRONMENT, "storage error: " + f.getMessage(), e);
        }
        String msg = e.getMessage();
        for (String storage : new String[]{StorageFailure.class.getName() + ": ", org.apache.hadoop.fs.FSError.class.getName() + ": "}) {
            int j = msg == null ? -1 : msg.indexOf(storage);
            if (j >= 0) return new RunFailedException(RunFailedException.Reason.ENVIRONMENT,
                    (storage.startsWith(StorageFailure.class.getName()) ? "" : "storage error: ")
                            + msg.substring(j + storage.length()).lines().findFirst().orElse(""), e);
        }
        String marker = MicrographFailedException.class.getName() + ": ";
        int i = msg == null ? -1 : msg.indexOf(marker);
        if (i >= 0)
            return new RunFailedException(RunFailedException.Reason.TOO_MANY_FAILED, msg.substring(i + marker.length()).lines().findFirst().orElse(""), e);
        return e instanceof RuntimeException r ? r : new IllegalStateException("Spark job failed: " + msg, e);
    }

    /**
     * Partitions of stage 1 (and so of stage 6, which runs on its cached table): at least {@link #WAVES_PER_CORE}
     * per core, so uneven micrographs still balance and a small batch of large micrographs runs one micrograph per
     * task (16 micrographs on 2 cores in 8 tasks of 2 left one core idle for up to two micrographs at the end; more
     * waves cost CPU per task on small micrographs: 16 waves used more CPU per micrograph at 100-200 of them), and
     * otherwise about {@link #MICS_PER_PARTITION} micrographs each, so that a Spark task's own cost
     * (scheduling, result and cache blocks: milliseconds) stays small next to the picking of small micrographs.
     */
    static int partitions(int n, int parallelism) {
        int wanted = Math.max(WAVES_PER_CORE * Math.max(1, parallelism), (n + MICS_PER_PARTITION - 1) / MICS_PER_PARTITION);
        return Math.max(1, Math.min(n, Math.min(wanted, MAX_PARTITIONS)));
    }

    /**
     * Logs "picked 120/800 micrographs (15 %), 2.4/s, ETA 4m50s" every 5 s while a stage runs (accumulators reach
     * the driver as tasks finish). The rate is the stage's average so far, which the first (JIT-cold) tasks bias low.
     */
    private static final class Progress implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "segdiampick-progress");
            t.setDaemon(true);
            return t;
        });
        private final LongAccumulator done;
        private final int total;
        private final String verb;
        private final long start = System.nanoTime();
        private long last = -1;

        Progress(LongAccumulator done, int total, String verb) {
            this.done = done;
            this.total = total;
            this.verb = verb;
            timer.scheduleAtFixedRate(this::log, 5, 5, TimeUnit.SECONDS);
        }

        private synchronized void log() {
            long v = done.value();
            if (v != last) LOG.info(line(verb, v, total, (System.nanoTime() - start) / 1e9));
            last = v;
        }

        @Override
        public void close() {
            timer.shutdownNow();
            log();
        }
    }

    /** The progress line for {@code done} of {@code total} after {@code seconds}. */
    static String line(String verb, long done, int total, double seconds) {
        StringBuilder s = new StringBuilder().append(verb).append(' ').append(done).append('/').append(total)
                .append(" micrographs (").append(total == 0 ? 100 : done * 100 / total).append(" %)");
        if (done > 0 && seconds > 0) {
            double rate = done / seconds;
            s.append(String.format(java.util.Locale.ROOT, ", %.2f/s", rate));
            if (done < total) s.append(", ETA ").append(duration((total - done) / rate));
            else s.append(", in ").append(duration(seconds));
        }
        return s.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(java.util.Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(java.util.Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
