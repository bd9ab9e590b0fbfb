package org.segdiampick.job;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Creates the SparkSession the same way whether the job was launched by {@code spark-submit} (master and
 * settings come from it) or embedded ({@code submit/segdiampick} without a cluster: {@code --master}, default
 * {@code local[*]}). {@code --conf key=value} settings apply in both modes; {@code spark.hadoop.*} ones reach
 * Hadoop, exactly as with spark-submit.
 */
public final class SparkSessions {
    private static final String HADOOP_PREFIX = "spark.hadoop.";

    private SparkSessions() {
    }

    /** True inside spark-submit: SparkSubmit sets the {@code spark.master} system property. */
    public static boolean launchedBySparkSubmit() {
        return System.getProperty("spark.master") != null;
    }

    public static SparkSession create(String appName, String master, Map<String, String> conf) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (!launchedBySparkSubmit()) {
            b.master(master == null ? "local[*]" : master);
            if (System.getenv("SPARK_LOCAL_IP") == null) b.config("spark.driver.host", "127.0.0.1");
            b.config("spark.ui.enabled", "false");
        }
        // A speculative copy of a task would write the same outputs twice at the same time.
        b.config("spark.speculation", "false");
        // the stage-1 table has 24 columns: without this Spark warns that it truncated a plan's string on every run
        b.config("spark.sql.debug.maxToStringFields", "64");
        conf.forEach(b::config);
        SparkSession session = b.getOrCreate();
        // getOrCreate() on a running session (tests, notebooks, a second command in one JVM) keeps the existing
        // SparkContext, whose Hadoop configuration was fixed at its start: pass the spark.hadoop.* settings on
        // explicitly, as a new context would have done.
        conf.forEach((k, v) -> {
            if (k.startsWith(HADOOP_PREFIX) && k.length() > HADOOP_PREFIX.length())
                session.sparkContext().hadoopConfiguration().set(k.substring(HADOOP_PREFIX.length()), v);
        });
        return session;
    }
}
