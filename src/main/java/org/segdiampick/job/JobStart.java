package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * The opening steps every job shares: read the project, select the micrographs (one pixel size) and broadcast
 * the Hadoop configuration to the executors. {@link #clearSuccess} comes once the job's inputs are validated.
 *
 * @param records the project as read (left untouched until the job's very end)
 */
record JobStart(Configuration conf, OutputLayout layout, List<MicRecord> records, ProjectSelection selection,
                Broadcast<HadoopConf> executorConf) {
    private static final Logger LOG = LoggerFactory.getLogger(JobStart.class);

    static JobStart open(SparkSession spark, BatchOptions o) throws IOException {
        return open(spark, o, ProjectStore.read(o.project(), spark.sparkContext().hadoopConfiguration()));
    }

    /** As {@link #open(SparkSession, BatchOptions)} on records not yet written ({@code run --mics}: the import). */
    static JobStart open(SparkSession spark, BatchOptions o, List<MicRecord> records) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutputLayout layout = new OutputLayout(o.out());
        ProjectSelection sel = ProjectSelection.select(records, o.micTo(), o.project());
        sel.warnings.forEach(LOG::warn);
        return new JobStart(conf, layout, records, sel, HadoopConf.broadcast(spark));
    }

    /** A previous run's {@code _SUCCESS} goes first: it is written again only when this job has finished. */
    void clearSuccess() throws IOException {
        Storage.delete(layout.success(), conf);
    }

    List<MicTask> tasks() {
        return selection.tasks;
    }

    double smpd() {
        return selection.smpd;
    }
}
