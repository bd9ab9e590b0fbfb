package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A lock file that makes a run the only one on its output folder ({@code OUT/_LOCK}) or project
 * ({@code P.jsonl.lock}): created only if absent, in one file system operation, and deleted when the run ends.
 *
 * <p>What holds where:
 * <ul>
 *   <li>Local file system: {@code O_CREAT|O_EXCL} ({@link Files#write} with {@code CREATE_NEW}): of two runs
 *   starting at the same moment exactly one gets the lock (NFS: only with NFSv3+ exclusive create).</li>
 *   <li>HDFS: {@code create(path, overwrite = false)} is decided by the NameNode: atomic.</li>
 *   <li>S3 (s3a): Hadoop 3.4.1's S3A has no conditional (If-None-Match) PUT, so {@code create(overwrite = false)}
 *   is a HEAD then a PUT, not one operation, and with {@code fs.s3a.create.performance=true} it skips even the
 *   HEAD (leave that setting off for runs that lock). S3 is strongly consistent, so a run started after another
 *   one's lock is written is refused; two runs started within the same second can both get it. The lock
 *   guards against the usual mistake (a second run while one is running), not against a simultaneous start:
 *   schedule one run per OUT.</li>
 * </ul>
 *
 * <p>Release: {@link #close()} (try-with-resources), and a Hadoop shutdown hook run before Hadoop closes its file
 * systems, so that exit, an exception, SIGTERM and SIGINT release it too. Only {@code kill -9}, a crash of the JVM
 * or a lost machine leave it behind: a stale lock. A stale lock of this machine (its host name, a process id that
 * is no longer running) is taken over with a warning, so that rerunning the same command after {@code kill -9}
 * resumes. The refusal of any other lock names the holder (host, process id, user, start
 * time); when that run is gone, delete the lock file (the message gives its path), or call {@link #clear}.
 * {@link #close()} deletes the file only if it still holds this lock's token, so a run whose stale lock was
 * cleared and taken over does not delete the new holder's lock.
 */
public final class OutLock implements AutoCloseable {
    /** The lock of an output folder. */
    public static final String OUT_LOCK = "_LOCK";
    /** Runs before Hadoop's own hook closes the cached file systems (which would make the delete fail). */
    private static final int HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 10;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutLock.class);

    /** The lock is held by another run: bad input for this one (exit 2), naming the holder and the remedy. */
    public static final class HeldException extends InputFormatException {
        public HeldException(String lockFile, String holder) {
            super(lockFile, "another run holds this " + (lockFile.endsWith(".lock") ? "project" : "output folder")
                    + " (" + holder + "); if that run is gone, delete " + lockFile + " and rerun");
        }
    }

    private final String location;
    private final String token;
    private final Configuration conf;
    private final Runnable hook;
    private boolean released;

    private OutLock(String location, String token, Configuration conf) {
        this.location = location;
        this.token = token;
        this.conf = conf;
        this.hook = this::releaseQuietly;
    }

    /** The lock file of output folder {@code out}. */
    public static String ofOut(String out) {
        String o = out;
        while (o.length() > 1 && o.endsWith("/")) o = o.substring(0, o.length() - 1);
        return o + "/" + OUT_LOCK;
    }

    /** The lock file of a project file. */
    public static String ofProject(String project) {
        return project + ".lock";
    }

    /**
     * Takes the lock at {@code lockFile} (see {@link #ofOut}, {@link #ofProject}), recording {@code what} (e.g. the
     * command line) with this process's host, pid, user and start time. Missing parent folders are created.
     *
     * @throws HeldException when the file exists
     */
    public static OutLock acquire(String lockFile, String what, Configuration conf) throws IOException {
        try {
            return tryAcquire(lockFile, what, conf);
        } catch (HeldException e) {
            // A lock left by a process of this machine that no longer exists (kill -9, a crashed JVM) is stale for
            // certain: take it over, so that rerunning the same command resumes. Any other holder is refused.
            Optional<String> dead = deadLocalHolder(lockFile, conf);
            if (dead.isEmpty()) throw e;
            LOG.warn("{}: stale lock of a process that is gone ({}), taken over", lockFile, dead.get());
            clear(lockFile, conf);
            return tryAcquire(lockFile, what, conf);
        }
    }

    /** The holder of {@code lockFile} if it names this host and a process id that is not running, else empty. */
    static Optional<String> deadLocalHolder(String lockFile, Configuration conf) throws IOException {
        String text;
        try {
            text = new String(Storage.readAll(lockFile, conf), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(field(text, "pid"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!field(text, "host").equals(localHost()) || pid == ProcessHandle.current().pid()) return Optional.empty();
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return Optional.empty();
        return holder(lockFile, conf);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static OutLock tryAcquire(String lockFile, String what, Configuration conf) throws IOException {
        String token = UUID.randomUUID().toString();
        byte[] content = content(token, what);
        Path p = Storage.path(lockFile);
        String scheme = p.toUri().getScheme();
        try {
            if (scheme == null || scheme.equals("file")) {
                java.nio.file.Path local = java.nio.file.Path.of(p.toUri().getPath());
                Files.createDirectories(local.getParent());
                Files.write(local, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } else {
                try (OutputStream os = Storage.fileSystem(p, conf).create(p, false)) {
                    os.write(content);
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException | FileAlreadyExistsException e) {
            throw new HeldException(lockFile, holder(lockFile, conf).orElse("no details recorded"));
        } catch (IOException e) {
            // Some file systems report an existing file on create(overwrite = false) with a plain IOException.
            if (Storage.exists(lockFile, conf))
                throw new HeldException(lockFile, holder(lockFile, conf).orElse("no details recorded"));
            throw new IOException(lockFile + ": cannot create the lock: " + e.getMessage(), e);
        }
        OutLock lock = new OutLock(lockFile, token, conf);
        ShutdownHookManager.get().addShutdownHook(lock.hook, HOOK_PRIORITY);
        return lock;
    }

    private static byte[] content(String token, String what) {
        String host = localHost();
        return ("token=" + token + "\nhost=" + host + "\npid=" + ProcessHandle.current().pid()
                + "\nuser=" + System.getProperty("user.name") + "\nsince=" + Instant.now()
                + "\nrun=" + String.valueOf(what).replaceAll("[\\r\\n]+", " ") + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Who holds the lock at {@code lockFile} ("host h, pid p, user u, since t: run"), or empty if there is none. */
    public static Optional<String> holder(String lockFile, Configuration conf) throws IOException {
        String text;
        try {
            text = new String(Storage.readAll(lockFile, conf), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of("host " + field(text, "host") + ", pid " + field(text, "pid") + ", user " + field(text, "user")
                + ", since " + field(text, "since") + ": " + field(text, "run"));
    }

    private static String field(String text, String key) {
        for (String line : text.split("\n"))
            if (line.startsWith(key + "=")) return line.substring(key.length() + 1);
        return "?";
    }

    /** Deletes a stale lock (the documented remedy when its run is gone); nothing happens if there is none. */
    public static void clear(String lockFile, Configuration conf) throws IOException {
        Storage.delete(lockFile, conf);
    }

    public String location() {
        return location;
    }

    /** Releases the lock: deletes the file if it is still this lock's. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (released) return;
        released = true;
        if (!ShutdownHookManager.get().isShutdownInProgress()) ShutdownHookManager.get().removeShutdownHook(hook);
        String text;
        try {
            text = new String(Storage.readAll(location, conf), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return;
        }
        if (field(text, "token").equals(token)) Storage.delete(location, conf);
    }

    private void releaseQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            System.err.println("segdiampick: could not release " + location + ": " + e.getMessage()
                    + "; delete it before the next run");
        }
    }
}
