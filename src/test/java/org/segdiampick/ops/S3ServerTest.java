package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segdiampick.testing.S3Server;
import org.segdiampick.testing.SharedSpark;

/** S3Server works with Hadoop's S3A FileSystem and with Spark (read and write) on the test classpath. */
class S3ServerTest {
    private static S3Server s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start("segdiam-test");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void settingsPointAtLoopbackPathStyle() {
        assertTrue(s3.s3aSettings().get("fs.s3a.endpoint").startsWith("http://127.0.0.1:"));
        assertEquals("true", s3.s3aSettings().get("fs.s3a.path.style.access"));
        assertEquals(s3.endpoint(), s3.applyTo(new Configuration(false)).get("fs.s3a.endpoint"));
    }

    @Test
    void hadoopS3aRoundTrip() throws Exception {
        Configuration conf = s3.applyTo(new Configuration());
        try (FileSystem fs = FileSystem.newInstance(s3.bucketUri(), conf)) {
            assertEquals("s3a", fs.getScheme());
            HadoopFsRoundTrip.check(fs, new Path(s3.bucketUri().toString() + "roundtrip"));
        }
    }

    @Test
    void sparkReadsAndWritesS3a() throws Exception {
        SparkSession spark = SharedSpark.spark();
        s3.applyTo(spark.sparkContext().hadoopConfiguration());
        String in = s3.bucketUri() + "spark/x.txt";
        try (FileSystem fs = FileSystem.newInstance(s3.bucketUri(), s3.applyTo(new Configuration()));
                FSDataOutputStream out = fs.create(new Path(in))) {
            out.write("a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(4L, spark.read().text(in).count());

        // Executors write through the same configuration (a committed job output on S3A).
        String outDir = s3.bucketUri() + "spark/out";
        spark.createDataset(List.of("p", "q"), Encoders.STRING()).coalesce(1).write().text(outDir);
        List<String> back = spark.read().text(outDir).as(Encoders.STRING()).collectAsList();
        assertEquals(List.of("p", "q"), back.stream().sorted().toList());
    }
}
