package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.OutLocation;

import java.io.IOException;
import java.util.List;

/**
 * The campaign safety that {@code run} and {@code preprocess} share, around the job's own stages: {@code --out}
 * resolved on the driver and checked writable; the locks of OUT and the project taken ({@link OutputOwnership})
 * before the project is read; then the project (or an import held in memory) opened ({@link JobStart}); and while
 * the job runs, SIGTERM/SIGINT end it with one line counting the checkpoints ({@link Interruption}). The job itself
 * then claims OUT for its batch once its inputs are validated ({@link OutputOwnership#claim}).
 */
final class JobGuard {
    private JobGuard() {
    }

    /** The records of a project not yet written (the import of {@code run --mics}). */
    interface Records {
        List<MicRecord> get() throws IOException;
    }

    /** A job's stages, given its opened inputs and the ownership of OUT. */
    interface Stages<T> {
        T run(JobStart start, OutputOwnership owner) throws IOException;
    }

    /**
     * {@code given.out()} as every job uses it (refused when empty, a root, or relative with a cluster master;
     * absolute otherwise): nothing is ever written into "" or {@code /}.
     */
    static String out(SparkSession spark, BatchOptions given) {
        return OutLocation.resolve(given.out(), spark.sparkContext().master());
    }

    /**
     * Runs {@code stages} under the locks and the interruption hook.
     *
     * @param o        options whose {@code out()} went through {@link #out}
     * @param command  what the lock files record as their holder
     * @param imported the records to run on instead of reading {@code o.project()}, or null
     */
    static <T> T run(SparkSession spark, BatchOptions o, String command, Records imported, Stages<T> stages) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutLocation.checkWritable(o.out(), conf);
        try (OutputOwnership owner = OutputOwnership.lock(o.out(), o.project(), command, conf)) {
            JobStart start = imported == null ? JobStart.open(spark, o) : JobStart.open(spark, o, imported.get());
            try (Interruption ignored = Interruption.install(spark, start.layout().resolve(Checkpoints.FOLDER), start.tasks().size())) {
                return stages.run(start, owner);
            }
        }
    }
}
