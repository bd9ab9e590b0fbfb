package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BatchDigestTest {
    private final Configuration conf = new Configuration();

    @Test
    void theDigestIsSha256OfLengthPrefixedPathsInOrder() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", BatchDigest.of("/p.jsonl", List.of()).sha256(),
                "SHA-256 of nothing");
        // one path "a" hashes the bytes 00 00 00 01 61 (value from Python's hashlib)
        assertEquals("72ff6b02949dad95006c343e3db3150090d3afb49f6bbdb92fdc17607997a85c",
                BatchDigest.of("/p.jsonl", List.of("a")).sha256());
        BatchDigest ab = BatchDigest.of("/p.jsonl", List.of("/d/a.mrc", "/d/b.mrc"));
        assertEquals(ab, BatchDigest.of("/p.jsonl", List.of("/d/a.mrc", "/d/b.mrc")), "deterministic");
        assertEquals(2, ab.micrographs());
        assertFalse(ab.sameBatch(BatchDigest.of("/p.jsonl", List.of("/d/b.mrc", "/d/a.mrc"))), "order decides the names");
        assertFalse(ab.sameBatch(BatchDigest.of("/q.jsonl", List.of("/d/a.mrc", "/d/b.mrc"))), "another project");
        assertNotEquals(BatchDigest.of("/p", List.of("ab", "c")).sha256(), BatchDigest.of("/p", List.of("a", "bc")).sha256(),
                "paths cannot run into each other");
        assertNotEquals(BatchDigest.of("/p", List.of("a\nb")).sha256(), BatchDigest.of("/p", List.of("a", "b")).sha256());
        assertTrue(ab.describe().startsWith("/p.jsonl (2 micrographs, sha256 " + ab.sha256().substring(0, 12)));
    }

    @Test
    void aRelativeProjectIsRecordedAbsolute() {
        assertEquals(Path.of("p.jsonl").toAbsolutePath().toString(), BatchDigest.of("p.jsonl", List.of()).project());
    }

    @Test
    void writtenAndReadBackFromOut(@TempDir Path tmp) throws Exception {
        String out = tmp.resolve("out").toString();
        assertTrue(BatchDigest.read(out, conf).isEmpty());
        BatchDigest d = BatchDigest.of("/x/p.jsonl", List.of("/d/a.mrc"));
        d.write(out + "/", conf);
        assertEquals(tmp.resolve("out/_BATCH.json").toString(), BatchDigest.location(out + "/"));
        assertEquals(d, BatchDigest.read(out, conf).orElseThrow());
        String text = Files.readString(tmp.resolve("out/_BATCH.json"));
        assertTrue(text.contains("\"sha256\" : \"" + d.sha256() + "\""), text);
    }

    @Test
    void aDamagedRecordIsBadInputNamingTheFile() {
        for (String bad : List.of("", "{", "[]", "{\"project\":\"/p\",\"micrographs\":1}",
                "{\"project\":\"/p\",\"micrographs\":1.5,\"sha256\":\"" + "0".repeat(64) + "\"}",
                "{\"project\":\"/p\",\"micrographs\":1,\"sha256\":\"XYZ\"}")) {
            InputFormatException e = assertThrows(InputFormatException.class,
                    () -> BatchDigest.parse(bad.getBytes(StandardCharsets.UTF_8), "/o/_BATCH.json"), bad);
            assertTrue(e.getMessage().startsWith("/o/_BATCH.json: "), e.getMessage());
        }
    }
}
