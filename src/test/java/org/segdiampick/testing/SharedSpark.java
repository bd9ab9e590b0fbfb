package org.segdiampick.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM: starting Spark costs seconds, so every Spark test shares it.
 * Created on first use; stopped by a JVM shutdown hook (tests must not stop it themselves).
 * Bound to 127.0.0.1 with the UI off so tests open no public port and never clash on 4040.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    /** The shared session, created on first call ({@code local[2]}: the machine has 2 cores). */
    public static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("segdiampick-tests")
                    .master("local[2]")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.speculation", "false")
                    .getOrCreate();
            SparkSession created = session;
            Runtime.getRuntime().addShutdownHook(new Thread(created::stop, "SharedSpark-stop"));
        }
        return session;
    }
}
