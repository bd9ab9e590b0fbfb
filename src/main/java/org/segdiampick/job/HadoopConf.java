package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.reflect.ClassTag$;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A Hadoop {@link Configuration} that travels to executors (broadcast once): the driver's settings, including
 * every {@code spark.hadoop.*} / {@code --conf} value for S3A or HDFS, rebuilt lazily on the executor.
 */
public final class HadoopConf implements Serializable {
    private final Map<String, String> entries;
    private transient Configuration conf;

    public HadoopConf(Configuration source) {
        this.entries = new HashMap<>();
        for (Map.Entry<String, String> e : source) entries.put(e.getKey(), e.getValue());
        this.conf = source;
    }

    /** The session's Hadoop configuration, broadcast once to every executor of the job. */
    static Broadcast<HadoopConf> broadcast(SparkSession spark) {
        return spark.sparkContext().broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()),
                ClassTag$.MODULE$.apply(HadoopConf.class));
    }

    public synchronized Configuration get() {
        if (conf == null) {
            Configuration c = new Configuration(false);
            entries.forEach(c::set);
            conf = c;
        }
        return conf;
    }
}
