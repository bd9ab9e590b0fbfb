package org.segdiampick.job;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
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
 * The only place that distributes work: stage 1 (pick or import) and stage 6 (re-pick and write) run on
 * executors, one micrograph at a time, one {@link PickStage}/{@link RepickStage} per partition; the driver
 * gets back small outcome records, sorted into project order.
 */
final class SparkStages {
    private static final Logger LOG = LoggerFactory.getLogger(SparkStages.class);
    /** More partitions balance uneven micrographs; each partition re-uses its picker and the thread's FFT plans. */
    private static final int MAX_PARTITIONS = 20_000;

    private SparkStages() {
    }

    static List<Pass1Outcome> pass1(SparkSession spark, List<MicTask> tasks, PickSettings settings,
                                    Broadcast<HadoopConf> conf, String verb) {
        if (tasks.isEmpty()) return List.of();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator done = spark.sparkContext().longAccumulator("micrographs " + verb);
        try (Progress ignored = new Progress(done, tasks.size(), verb)) {
            List<Pass1Outcome> out;
            try {
                out = new ArrayList<>(jsc.parallelize(tasks, partitions(tasks.size()))
                        .mapPartitions((Iterator<MicTask> it) -> {
                            PickStage stage = new PickStage(settings);
                            String executor = SparkEnv.get().executorId();
                            List<Pass1Outcome> res = new ArrayList<>();
                            while (it.hasNext()) {
                                res.add(stage.process(it.next(), conf.value().get(), executor));
                                done.add(1);
                            }
                            return res.iterator();
                        }).collect());
            } catch (Exception e) {
                throw failFastOrRethrow(e);
            }
            out.sort(Comparator.comparingInt(Pass1Outcome::index));
            return out;
        }
    }

    /** One micrograph of stage 6: its task and what stage 1 found. */
    record Work(MicTask task, Pass1Outcome pick) implements java.io.Serializable {
    }

    static List<Pass2Outcome> pass2(SparkSession spark, List<Work> work, RepickStage stage,
                                    Broadcast<HadoopConf> conf) {
        if (work.isEmpty()) return List.of();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator done = spark.sparkContext().longAccumulator("micrographs re-picked");
        try (Progress ignored = new Progress(done, work.size(), "re-picked")) {
            List<Pass2Outcome> out = new ArrayList<>(jsc.parallelize(work, partitions(work.size()))
                    .mapPartitions((Iterator<Work> it) -> {
                        List<Pass2Outcome> res = new ArrayList<>();
                        while (it.hasNext()) {
                            Work t = it.next();
                            res.add(stage.process(t.task(), t.pick(), conf.value().get()));
                            done.add(1);
                        }
                        return res.iterator();
                    }).collect());
            out.sort(Comparator.comparingInt(Pass2Outcome::index));
            return out;
        }
    }

    /**
     * With {@code --fail-fast} a task throws {@link MicrographFailedException}; Spark aborts the job and the
     * driver sees a SparkException. That becomes exit code 4 with the micrograph named. In local mode the
     * task's exception is the cause; on a cluster it may only survive as text in the message.
     */
    static RuntimeException failFastOrRethrow(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof MicrographFailedException m)
                return new RunFailedException(RunFailedException.Reason.TOO_MANY_FAILED, m.getMessage(), e);
        String msg = e.getMessage();
        String marker = MicrographFailedException.class.getName() + ": ";
        int i = msg == null ? -1 : msg.indexOf(marker);
        if (i >= 0)
            return new RunFailedException(RunFailedException.Reason.TOO_MANY_FAILED, msg.substring(i + marker.length()).lines().findFirst().orElse(""), e);
        return e instanceof RuntimeException r ? r : new IllegalStateException("Spark job failed: " + msg, e);
    }

    private static int partitions(int n) {
        return Math.max(1, Math.min(n, MAX_PARTITIONS));
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
