package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class OutLockTest {
    private final Configuration conf = new Configuration();

    @Test
    void aSecondRunIsRefusedNamingTheHolderAndTheRemedy(@TempDir Path tmp) throws Exception {
        String lockFile = OutLock.ofOut(tmp.resolve("out") + "/");
        assertEquals(tmp.resolve("out/_LOCK").toString(), lockFile);
        try (OutLock lock = OutLock.acquire(lockFile, "run --project p --out o", conf)) {
            assertEquals(lockFile, lock.location());
            assertTrue(Files.isRegularFile(Path.of(lockFile)), "parent folder created");
            OutLock.HeldException e = assertThrows(OutLock.HeldException.class, () -> OutLock.acquire(lockFile, "second", conf));
            String m = e.getMessage();
            assertEquals(1, m.lines().count(), m);
            assertTrue(m.startsWith(lockFile + ": another run holds this output folder (host "), m);
            assertTrue(m.contains("pid " + ProcessHandle.current().pid()) && m.contains(": run --project p --out o)"), m);
            assertTrue(m.endsWith("delete " + lockFile + " and rerun"), m);
        }
        assertFalse(Files.exists(Path.of(lockFile)), "released");
        OutLock.acquire(lockFile, "third", conf).close();
        assertFalse(Files.exists(Path.of(lockFile)));
    }

    @Test
    void aStaleLockIsClearedTheDocumentedWay(@TempDir Path tmp) throws Exception {
        String lockFile = OutLock.ofProject(tmp.resolve("p.jsonl").toString());
        Files.writeString(Path.of(lockFile), "token=x\nhost=gone\npid=1\nuser=u\nsince=2026-01-01T00:00:00Z\nrun=killed -9\n");
        OutLock.HeldException e = assertThrows(OutLock.HeldException.class, () -> OutLock.acquire(lockFile, "r", conf));
        assertTrue(e.getMessage().contains("holds this project (host gone, pid 1, user u, since 2026-01-01T00:00:00Z: killed -9)"),
                e.getMessage());
        OutLock.clear(lockFile, conf);
        OutLock.clear(lockFile, conf);
        OutLock.acquire(lockFile, "r", conf).close();
    }

    @Test
    void releaseDoesNotDeleteALockTakenOverByAnotherRun(@TempDir Path tmp) throws Exception {
        String lockFile = OutLock.ofOut(tmp.toString());
        OutLock first = OutLock.acquire(lockFile, "first", conf);
        OutLock.clear(lockFile, conf);
        OutLock second = OutLock.acquire(lockFile, "second", conf);
        first.close();
        assertTrue(Files.exists(Path.of(lockFile)), "the second run's lock survives the first run's release");
        assertEquals("second", OutLock.holder(lockFile, conf).orElseThrow().replaceAll(".*: ", ""));
        second.close();
        second.close();
        assertTrue(OutLock.holder(lockFile, conf).isEmpty());
    }

    @Test
    void ofRunsStartingTogetherExactlyOneGetsTheLock(@TempDir Path tmp) throws Exception {
        String lockFile = OutLock.ofOut(tmp.toString());
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int round = 0; round < 20; round++) {
                List<Future<OutLock>> results = new ArrayList<>();
                for (int i = 0; i < n; i++)
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return OutLock.acquire(lockFile, "racer", conf);
                        } catch (OutLock.HeldException e) {
                            return null;
                        }
                    }));
                start.countDown();
                List<OutLock> winners = new ArrayList<>();
                for (Future<OutLock> f : results) if (f.get(30, TimeUnit.SECONDS) != null) winners.add(f.get());
                assertEquals(1, winners.size(), "round " + round);
                winners.get(0).close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sigtermReleasesTheLock(@TempDir Path tmp) throws Exception {
        String lockFile = OutLock.ofOut(tmp.toString());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OutLockHolder.class.getName(), lockFile)
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("locked")) {
                // log lines of the child before it holds the lock
            }
            assertEquals("locked", line);
            assertTrue(Files.exists(Path.of(lockFile)));
            assertThrows(OutLock.HeldException.class, () -> OutLock.acquire(lockFile, "while held", conf));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(143, p.exitValue());
        assertFalse(Files.exists(Path.of(lockFile)), "released by the shutdown hook");
    }
}
