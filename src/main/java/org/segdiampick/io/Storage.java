package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every file access of the job, through Hadoop's {@link FileSystem}, so that a bare local path, a
 * {@code file:} URI, {@code hdfs://} and {@code s3a://} all work the same way (a job runs locally or on a
 * cluster by changing the paths only).
 *
 * <p>Bare paths ({@code /tmp/x}, {@code rel/x}) are local and made absolute against the working directory.
 * Paths handed back by {@link #glob} and {@link #listFiles} are plain absolute paths for the local file
 * system and full URIs otherwise, so a project file keeps SIMPLE's absolute micrograph paths.
 *
 * <p>The local file system is used in its raw form: Hadoop's checksummed local file system would leave a
 * {@code .name.crc} file next to every output.
 */
public final class Storage {
    /** A URI scheme such as {@code s3a:} or {@code file:} (at least two letters, so {@code C:} is not one). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]+:.*");

    private Storage() {
    }

    /** The Hadoop path of {@code location}; a path without a scheme is an absolute local path. */
    public static Path path(String location) {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("empty path");
        if (SCHEME.matcher(location).matches()) return new Path(location);
        return new Path(new File(location).getAbsoluteFile().toURI());
    }

    /** True when {@code location} starts with a URI scheme ({@code s3a:}, {@code hdfs:}, {@code file:}, ...). */
    static boolean hasScheme(String location) {
        return SCHEME.matcher(location).matches();
    }

    /**
     * The file system holding {@code p}; for local paths the raw (CRC-free) one, and Hadoop's own raw local file
     * system replaced by {@link ForklessLocalFileSystem} (a configured replacement, e.g. a test's, is kept).
     */
    public static FileSystem fileSystem(Path p, Configuration conf) throws IOException {
        try {
            FileSystem fs = p.getFileSystem(conf);
            if (fs instanceof LocalFileSystem local) fs = local.getRaw();
            return fs.getClass() == RawLocalFileSystem.class ? forkless(conf) : fs;
        } catch (IOException e) {
            throw new IOException(p + ": cannot reach its file system: " + e.getMessage(), e);
        }
    }

    private static volatile ForklessLocalFileSystem forkless;

    /** One instance per JVM, like Hadoop's cached local file system; it keeps no state but its configuration. */
    private static FileSystem forkless(Configuration conf) throws IOException {
        ForklessLocalFileSystem fs = forkless;
        if (fs == null) {
            synchronized (Storage.class) {
                if (forkless == null) {
                    ForklessLocalFileSystem f = new ForklessLocalFileSystem();
                    f.initialize(java.net.URI.create("file:///"), conf);
                    forkless = f;
                }
                fs = forkless;
            }
        }
        return fs;
    }

    /** How a path is written back to users and project files: local paths plain, others as URIs. */
    static String display(Path p) {
        String scheme = p.toUri().getScheme();
        return scheme == null || scheme.equals("file") ? p.toUri().getPath() : p.toString();
    }

    /** {@code location} as an absolute path (local) or URI (other file systems). */
    public static String absolute(String location) {
        return display(path(location));
    }

    public static InputStream open(String location, Configuration conf) throws IOException {
        Path p = path(location);
        FileSystem fs = fileSystem(p, conf);
        try {
            return fs.open(p);
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new java.nio.file.AccessDeniedException(location, null, firstLine(e.getMessage()));
        } catch (FileNotFoundException e) {
            // java.io reports an unreadable local file as "not found" too: tell the two apart.
            if (!fs.exists(p)) throw new FileNotFoundException(location + ": file not found");
            if (String.valueOf(e.getMessage()).contains("ermission denied"))
                throw new java.nio.file.AccessDeniedException(location, null, "permission denied");
            throw new IOException(location + ": cannot open: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(location + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** HDFS says "Permission denied: user=..., access=READ, inode=..." on the first line, a trace after it. */
    private static String firstLine(String m) {
        String line = m == null ? "" : m.lines().findFirst().orElse("");
        return line.toLowerCase(java.util.Locale.ROOT).startsWith("permission denied") ? line : "permission denied: " + line;
    }

    /** The whole content of a file. */
    public static byte[] readAll(String location, Configuration conf) throws IOException {
        InputStream in = open(location, conf);
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(location + ": read failed: " + e.getMessage(), e);
        }
    }

    /**
     * A new file (replacing an existing one); missing parent folders are created. A failed write of the stream is
     * an IOException naming {@code location}, also where Hadoop raises {@link FSError} (the local file system's disk
     * full or I/O error, which is an {@link Error}): callers classify one kind of failure, not two.
     */
    public static OutputStream create(String location, Configuration conf) throws IOException {
        Path p = path(location);
        try {
            return new FsErrorOutputStream(fileSystem(p, conf).create(p, true), location);
        } catch (IOException | FSError e) {
            throw new IOException(location + ": cannot create: " + reason(e), e);
        }
    }

    public static boolean exists(String location, Configuration conf) throws IOException {
        Path p = path(location);
        try {
            return fileSystem(p, conf).exists(p);
        } catch (IOException e) {
            throw new IOException(location + ": cannot check existence: " + e.getMessage(), e);
        }
    }

    public static boolean isDirectory(String location, Configuration conf) throws IOException {
        Path p = path(location);
        try {
            return fileSystem(p, conf).getFileStatus(p).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** Deletes a file (or a folder with its content); nothing happens if it does not exist. */
    public static void delete(String location, Configuration conf) throws IOException {
        Path p = path(location);
        FileSystem fs = fileSystem(p, conf);
        try {
            if (fs.exists(p) && !fs.delete(p, true)) throw new IOException(location + ": delete failed");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(location)) throw e;
            throw new IOException(location + ": delete failed: " + e.getMessage(), e);
        }
    }

    /** The files (not folders) matching a Hadoop glob pattern, sorted; empty if none matches. */
    public static List<String> glob(String pattern, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus s : globStatus(pattern, conf)) if (s.isFile()) out.add(display(s.getPath()));
        out.sort(null);
        return out;
    }

    /** Every entry matching a Hadoop glob pattern (files, folders and whatever else), unsorted; empty if none. */
    public static FileStatus[] globStatus(String pattern, Configuration conf) throws IOException {
        Path p = path(pattern);
        try {
            FileStatus[] matches = fileSystem(p, conf).globStatus(p);
            return matches == null ? new FileStatus[0] : matches;
        } catch (IOException e) {
            throw new IOException(pattern + ": glob failed: " + e.getMessage(), e);
        }
    }

    /** The files directly inside {@code dir} whose name ends with {@code suffix}, sorted by name. */
    public static List<String> listFiles(String dir, String suffix, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus s : listStatus(dir, conf))
            if (s.isFile() && s.getPath().getName().endsWith(suffix)) out.add(display(s.getPath()));
        out.sort(null);
        return out;
    }

    /** Every entry directly inside the folder {@code dir}, unsorted. */
    public static FileStatus[] listStatus(String dir, Configuration conf) throws IOException {
        Path p = path(dir);
        try {
            return fileSystem(p, conf).listStatus(p);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(dir + ": no such folder");
        } catch (IOException e) {
            throw new IOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code target} so that a reader never sees a half-written file and the previous version
     * survives: the content goes to a hidden temporary sibling first; then an existing target becomes
     * {@code <target>.prev} (replacing an older one) and the temporary file is renamed into place.
     *
     * <p>On S3 (s3a) a rename is a copy followed by a delete, so the switch is not atomic there; it is
     * still "write aside, then replace", so a failed write never damages the existing file.
     */
    public static void writeAtomically(String target, byte[] content, Configuration conf) throws IOException {
        replace(target, content, true, conf);
    }

    /**
     * As {@link #writeAtomically} without the {@code .prev} backup: for small records that are rewritten often
     * (a micrograph's checkpoint), where the previous version is of no use.
     */
    public static void replaceAtomically(String target, byte[] content, Configuration conf) throws IOException {
        replace(target, content, false, conf);
    }

    /**
     * Write aside, then rename into place. Any failure — an IOException, Hadoop's {@link FSError} (disk full on the
     * local file system), or anything else — removes the temporary file before it is reported, so no hidden
     * {@code .tmp-<uuid>} file is left; IOException and FSError are reported as an IOException naming {@code target}.
     */
    private static void replace(String target, byte[] content, boolean keepPrevious, Configuration conf) throws IOException {
        Path dst = path(target);
        FileSystem fs = fileSystem(dst, conf);
        Path tmp = new Path(dst.getParent(), "." + dst.getName() + ".tmp-" + UUID.randomUUID());
        Path prev = new Path(dst.getParent(), dst.getName() + ".prev");
        boolean done = false;
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(content);
            }
            if (keepPrevious && fs.exists(dst)) {
                if (fs.exists(prev) && !fs.delete(prev, false))
                    throw new IOException("cannot delete the older backup " + display(prev));
                if (!fs.rename(dst, prev))
                    throw new IOException("cannot move the previous version to " + display(prev));
            } else if (!keepPrevious) {
                fs.delete(dst, false);
            }
            if (!fs.rename(tmp, dst)) throw new IOException("cannot rename " + display(tmp) + " into place");
            done = true;
        } catch (IOException | FSError e) {
            throw new IOException(target + ": atomic write failed: " + reason(e), e);
        } finally {
            if (!done) removeQuietly(fs, tmp);
        }
    }

    /** What went wrong: an FSError's message is its cause's class and message ("java.io.IOException: No space ..."). */
    static String reason(Throwable e) {
        return e instanceof FSError && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }

    /** Best-effort removal of a temporary file after a failure: the original failure is the one worth reporting. */
    private static void removeQuietly(FileSystem fs, Path tmp) {
        try {
            fs.delete(tmp, false);
        } catch (IOException | RuntimeException | FSError ignored) {
            // reported: the failure that brought us here
        }
    }
}
