package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.io.Storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Storage's writes under a full disk, without Spark: Hadoop's {@code FSError} (an Error) comes out of every write as
 * an IOException naming the file; an atomic write removes its temporary file and leaves the previous version as it
 * was; {@link StorageFailure} classifies both kinds the same.
 */
class DiskFullStorageTest {
    @TempDir
    Path tmp;

    private final Configuration conf = InstrumentedLocalFileSystem.install(new Configuration());

    @AfterEach
    void noHooks() {
        InstrumentedLocalFileSystem.onWrite = null;
    }

    private static void diskFullAt(Path file) {
        InstrumentedLocalFileSystem.onWrite = path -> {
            if (path.contains(file.getFileName().toString())) throw InstrumentedLocalFileSystem.diskFull();
        };
    }

    @Test
    void aStreamsFsErrorIsAnIOExceptionNamingTheFile() throws Exception {
        Path f = tmp.resolve("thumb.jpg");
        diskFullAt(f);
        IOException e = assertThrows(IOException.class, () -> {
            try (OutputStream os = Storage.create(f.toString(), conf)) {
                os.write(new byte[]{1, 2, 3});
            }
        });
        assertTrue(e.getMessage().startsWith(f + ": write failed: ") && e.getMessage().contains("No space left on device"), e.getMessage());
        StorageFailure s = assertThrows(StorageFailure.class, () -> StorageFailure.writing(f.toString(), () -> {
            throw InstrumentedLocalFileSystem.diskFull();
        }));
        assertTrue(s.getMessage().startsWith("storage error writing " + f + ": "), s.getMessage());
    }

    @Test
    void anAtomicWriteThatFailsLeavesThePreviousVersionAndNoTemporaryFile() throws Exception {
        Path f = tmp.resolve("summary.json");
        Storage.writeAtomically(f.toString(), "first\n".getBytes(StandardCharsets.UTF_8), conf);
        diskFullAt(f);
        for (boolean keepPrevious : new boolean[]{true, false}) {
            IOException e = assertThrows(IOException.class, () -> {
                if (keepPrevious) Storage.writeAtomically(f.toString(), "second\n".getBytes(StandardCharsets.UTF_8), conf);
                else Storage.replaceAtomically(f.toString(), "second\n".getBytes(StandardCharsets.UTF_8), conf);
            });
            assertTrue(e.getMessage().startsWith(f + ": atomic write failed: "), e.getMessage());
            assertEquals("first\n", Files.readString(f), "the previous version stays");
            assertEquals(List.of(), JobFixtures.temporaryFiles(tmp), "no .tmp-<uuid> left");
            assertFalse(Files.exists(Path.of(f + ".prev")));
        }
        InstrumentedLocalFileSystem.onWrite = null;
        Storage.replaceAtomically(f.toString(), "third\n".getBytes(StandardCharsets.UTF_8), conf);
        assertEquals("third\n", Files.readString(f));
        assertFalse(Files.exists(Path.of(f + ".prev")), "replaceAtomically keeps no backup");
    }

    @Test
    void anyOtherFailureOfAnAtomicWriteRemovesTheTemporaryFileToo() throws Exception {
        Path f = tmp.resolve("project.jsonl");
        InstrumentedLocalFileSystem.onWrite = path -> {
            throw new IllegalStateException("injected");
        };
        assertThrows(IllegalStateException.class, () -> Storage.writeAtomically(f.toString(), new byte[]{1}, conf));
        assertEquals(List.of(), JobFixtures.temporaryFiles(tmp));
        assertFalse(Files.exists(f));
    }
}
