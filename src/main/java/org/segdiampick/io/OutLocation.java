package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * Checks of {@code --out} on the driver, before Spark starts or anything is written: an output folder given as
 * an empty string (an unset variable in a DAG) or as a file system root would spread the run's files over
 * {@code /} or a bucket; a relative one on a cluster would name a different folder in each worker's scratch
 * space; an unwritable one would be found only after every micrograph was picked.
 *
 * <p>{@link #resolve} is the pure part (text and master only); {@link #checkWritable} asks the file system.
 */
public final class OutLocation {
    private OutLocation() {
    }

    /**
     * The master a run will use: under {@code spark-submit} its {@code spark.master} (a system property, which
     * wins, as in job.SparkSessions), else {@code --master}, else the embedded default {@code local[*]}.
     */
    public static String effectiveMaster(String masterOption) {
        String submitted = System.getProperty("spark.master");
        if (submitted != null) return submitted;
        return masterOption != null ? masterOption : "local[*]";
    }

    /** True for a master whose executors may run on other machines (standalone, YARN, Kubernetes, Mesos). */
    public static boolean isClusterMaster(String master) {
        String m = master == null ? "" : master.strip().toLowerCase(Locale.ROOT);
        return m.startsWith("spark://") || m.equals("yarn") || m.startsWith("yarn-") || m.startsWith("k8s://")
                || m.startsWith("mesos://");
    }

    /**
     * {@code out} as the run must use it: a URI (hdfs://, s3a://, ...) unchanged but for trailing slashes; a local
     * path absolute and normalised (a relative one is resolved against the driver's working folder, which only
     * means the same folder everywhere when the executors run on this machine). Refused, with an
     * {@link OptionException}: empty or blank; the root of a file system or bucket; a relative path with a
     * {@linkplain #isClusterMaster cluster master}.
     */
    public static String resolve(String out, String master) {
        if (out == null || out.isBlank())
            throw new OptionException("--out", "is empty (an unset variable?); give the output folder of this batch");
        String o = out.strip();
        if (Storage.hasScheme(o)) {
            URI uri = Storage.path(o).toUri();
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                String p = uri.getPath();
                if (p == null || p.isEmpty() || p.equals("/"))
                    throw new OptionException("--out", "'" + out + "' is the root of its file system or bucket; give a folder inside it");
                String s = o;
                while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
                return s;
            }
            o = uri.getPath();
        } else if (!o.startsWith("/")) {
            if (isClusterMaster(master))
                throw new OptionException("--out", "'" + out + "' is relative, and with the cluster master " + master
                        + " each executor would resolve it in its own working folder; give an absolute path or a URI");
        }
        Path abs = Path.of(o).toAbsolutePath().normalize();
        if (abs.getParent() == null)
            throw new OptionException("--out", "'" + out + "' is the root folder; give the output folder of this batch");
        return abs.toString();
    }

    /**
     * Refuses (OptionException) an output folder the run could not write: an existing {@code out} that is a file,
     * a local one whose nearest existing ancestor is not a writable folder. The local check creates and at once
     * deletes an empty hidden file in that ancestor (permissions alone miss read-only mounts and ACLs, and say
     * nothing when running as root). On other file systems an empty hidden file is created in {@code out} and
     * deleted (which, on HDFS, creates {@code out}); a failure to reach the file system is an IOException, not
     * bad input.
     */
    public static void checkWritable(String out, Configuration conf) throws IOException {
        if (!Storage.hasScheme(out) || "file".equalsIgnoreCase(Storage.path(out).toUri().getScheme())) {
            checkLocal(Path.of(Storage.path(out).toUri().getPath()), out);
            return;
        }
        org.apache.hadoop.fs.Path p = Storage.path(out);
        FileSystem fs = Storage.fileSystem(p, conf);
        try {
            FileStatus st = fs.getFileStatus(p);
            if (!st.isDirectory()) throw new OptionException("--out", out + " is a file, not a folder");
        } catch (FileNotFoundException e) {
            // created by the run
        }
        org.apache.hadoop.fs.Path probe = new org.apache.hadoop.fs.Path(p, "._segdiampick_write_test_" + UUID.randomUUID());
        boolean created = false;
        try (OutputStream os = fs.create(probe, false)) {
            created = true;
            os.flush();
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new OptionException("--out", out + " is not writable: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        } finally {
            // only what was created: deleting a path one may not write is itself refused on HDFS
            if (created) fs.delete(probe, false);
        }
    }

    private static void checkLocal(Path out, String given) {
        if (Files.exists(out) && !Files.isDirectory(out))
            throw new OptionException("--out", given + " is a file, not a folder");
        Path dir = out;
        while (dir != null && !Files.exists(dir)) dir = dir.getParent();
        if (dir == null) throw new OptionException("--out", given + ": no existing folder above it");
        if (!Files.isDirectory(dir))
            throw new OptionException("--out", given + " cannot be created: " + dir + " is a file, not a folder");
        Path probe;
        try {
            probe = Files.createTempFile(dir, "._segdiampick_write_test_", "");
        } catch (IOException e) {
            throw new OptionException("--out", given + " is not writable: cannot create a file in " + dir + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            throw new OptionException("--out", given + ": cannot delete the test file " + probe + " (" + e.getMessage() + ")");
        }
    }

    /**
     * {@link #resolve}, then, for a local folder, the local part of {@link #checkWritable}: what the CLI runs before
     * Spark starts (no Hadoop configuration is needed). The writability of an hdfs:// or s3a:// folder needs the
     * run's Hadoop settings: {@link #checkWritable} once the session exists, before stage 1.
     */
    public static String checkLocalOut(String out, String master) {
        String resolved = resolve(out, master);
        if (!Storage.hasScheme(resolved)) checkLocal(Path.of(resolved), resolved);
        return resolved;
    }
}
