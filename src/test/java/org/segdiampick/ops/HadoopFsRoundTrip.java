package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Write, list, read back and rename through one Hadoop FileSystem: what the job's Storage does. */
final class HadoopFsRoundTrip {
    private HadoopFsRoundTrip() {
    }

    static void check(FileSystem fs, Path dir) throws IOException {
        byte[] payload = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        Path file = new Path(dir, "a.txt");
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(payload);
        }
        FileStatus[] listed = fs.listStatus(dir);
        assertEquals(1, listed.length, Arrays.toString(listed));
        assertEquals("a.txt", listed[0].getPath().getName());
        assertEquals(payload.length, listed[0].getLen());

        byte[] back = new byte[payload.length];
        try (FSDataInputStream in = fs.open(file)) {
            in.readFully(back);
            assertEquals(-1, in.read(), "file longer than written");
        }
        assertArrayEquals(payload, back);

        Path renamed = new Path(dir, "b.txt");
        assertTrue(fs.rename(file, renamed), "rename failed");
        assertFalse(fs.exists(file));
        assertEquals(payload.length, fs.getFileStatus(renamed).getLen());
    }
}
