package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segdiampick.testing.MiniHdfs;
import org.segdiampick.testing.SharedSpark;

/** MiniHdfs works with plain Hadoop FileSystem and with Spark's reader on the same test classpath. */
class MiniHdfsTest {
    private static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start();
    }

    @AfterAll
    static void stop() throws Exception {
        hdfs.close();
    }

    @Test
    void uriIsLoopbackHdfs() {
        assertEquals("hdfs", hdfs.uri().getScheme());
        assertEquals("127.0.0.1", hdfs.uri().getHost());
        assertTrue(hdfs.uri().getPort() > 0);
    }

    @Test
    void hadoopFileSystemRoundTrip() throws Exception {
        try (FileSystem fs = FileSystem.newInstance(hdfs.uri(), hdfs.configuration())) {
            HadoopFsRoundTrip.check(fs, new Path("/roundtrip"));
        }
    }

    @Test
    void sparkReadsFromHdfs() throws Exception {
        Path file = new Path(hdfs.uri().toString() + "/spark/lines.txt");
        try (FileSystem fs = FileSystem.newInstance(hdfs.uri(), hdfs.configuration());
                FSDataOutputStream out = fs.create(file)) {
            out.write("x\ny\nz\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(3L, SharedSpark.spark().read().text(file.toString()).count());
    }
}
