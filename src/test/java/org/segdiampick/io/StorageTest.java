package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StorageTest {
    private final Configuration conf = new Configuration();

    @Test
    void bareRelativeAndFileUriPathsAreTheSameLocalFile(@TempDir Path dir) throws Exception {
        assertEquals("file", Storage.path("rel/x.mrc").toUri().getScheme());
        assertEquals(Path.of("rel/x.mrc").toAbsolutePath().toString(), Storage.absolute("rel/x.mrc"));
        assertEquals("/tmp/a b.mrc", Storage.absolute("/tmp/a b.mrc"));
        assertEquals("s3a://bucket/k/x.mrc", Storage.absolute("s3a://bucket/k/x.mrc"));
        String plain = dir.resolve("deep/er/f.txt").toString();
        try (OutputStream o = Storage.create(plain, conf)) {
            o.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), Storage.readAll("file:" + plain, conf));
        assertTrue(Storage.exists(plain, conf));
        try (InputStream in = Storage.open(plain, conf)) {
            assertEquals('h', in.read());
        }
        assertFalse(Files.exists(dir.resolve("deep/er/.f.txt.crc")), "raw local FS: no CRC side file");
        Storage.delete(plain, conf);
        assertFalse(Storage.exists(plain, conf));
        Storage.delete(plain, conf); // absent: nothing happens
    }

    @Test
    void globAndListFilesAreSortedAndFilesOnly(@TempDir Path dir) throws Exception {
        for (String n : List.of("b.mrc", "a.mrc", "c.txt", "a.mrc.bak")) Files.writeString(dir.resolve(n), n);
        Files.createDirectory(dir.resolve("z.mrc"));
        assertEquals(List.of(dir.resolve("a.mrc").toString(), dir.resolve("b.mrc").toString()),
                Storage.glob(dir + "/*.mrc", conf));
        assertEquals(List.of(dir.resolve("a.mrc").toString(), dir.resolve("b.mrc").toString()),
                Storage.listFiles(dir.toString(), ".mrc", conf));
        assertEquals(List.of(), Storage.glob(dir + "/*.none", conf));
        assertEquals(List.of(), Storage.glob(dir + "/missing.mrc", conf));
        assertTrue(Storage.isDirectory(dir.toString(), conf));
    }

    @Test
    void missingFilesGiveExceptionsNamingThePath(@TempDir Path dir) {
        String missing = dir.resolve("nope.mrc").toString();
        IOException e = assertThrows(FileNotFoundException.class, () -> Storage.readAll(missing, conf));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        IOException l = assertThrows(FileNotFoundException.class, () -> Storage.listFiles(missing, ".mrc", conf));
        assertTrue(l.getMessage().contains(missing));
    }

    @Test
    void writeAtomicallyReplacesAndKeepsOnePrevious(@TempDir Path dir) throws Exception {
        String t = dir.resolve("p.json").toString();
        Storage.writeAtomically(t, new byte[] {1}, conf);
        Storage.writeAtomically(t, new byte[] {2}, conf);
        Storage.writeAtomically(t, new byte[] {3}, conf);
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(Path.of(t)));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(Path.of(t + ".prev")));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary or .crc files left");
        }
    }
}
