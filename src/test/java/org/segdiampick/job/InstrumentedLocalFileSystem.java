package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.segdiampick.testing.SharedSpark;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local file system, recording every file opened for reading and calling a test's fault injectors on every
 * file created and every write to it, so tests can count what a stage reads, or kill a run or fill the disk
 * ({@link #diskFull}) at a chosen write, without any hook in production code. Installed per {@link Configuration} by {@link #install}, or on a Spark session with
 * {@code --conf spark.hadoop.fs.file.impl=...} (then executors in the same JVM use it too).
 */
public final class InstrumentedLocalFileSystem extends RawLocalFileSystem {
    /** Paths opened since the last {@link #reset()}, in order. */
    static final List<String> OPENED = new CopyOnWriteArrayList<>();
    /** Called with the path of every file about to be created (driver and executors); may throw. Null = none. */
    static volatile Consumer<String> onCreate;
    /** Called with the file's path on every write to a created file (driver and executors); may throw. Null = none. */
    static volatile Consumer<String> onWrite;

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        Consumer<String> hook = onCreate;
        if (hook != null) hook.accept(f.toUri().getPath());
        return watched(super.create(f, overwrite, bufferSize, replication, blockSize, progress), f);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                     long blockSize, Progressable progress) throws IOException {
        Consumer<String> hook = onCreate;
        if (hook != null) hook.accept(f.toUri().getPath());
        return watched(super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress), f);
    }

    /** The stream of a created file, calling {@link #onWrite} before every write. */
    private FSDataOutputStream watched(FSDataOutputStream created, Path f) throws IOException {
        String path = f.toUri().getPath();
        OutputStream hooked = new FilterOutputStream(created) {
            @Override
            public void write(int b) throws IOException {
                check();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                check();
                out.write(b, off, len);
            }

            private void check() {
                Consumer<String> hook = onWrite;
                if (hook != null) hook.accept(path);
            }
        };
        return new FSDataOutputStream(hooked, statistics);
    }

    /**
     * What Hadoop's local file system throws when the disk is full: an {@link FSError} (an Error, not an
     * IOException) around the IOException of the write. Its constructor is package-private, hence reflection.
     */
    static FSError diskFull() {
        try {
            Constructor<FSError> c = FSError.class.getDeclaredConstructor(Throwable.class);
            c.setAccessible(true);
            return c.newInstance(new IOException("No space left on device"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct Hadoop's FSError", e);
        }
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        OPENED.add(f.toUri().getPath());
        return super.open(f, bufferSize);
    }

    /**
     * For a test class ({@code @ExtendWith(InstrumentedLocalFileSystem.OnSharedSpark.class)}): this file system on the
     * shared Spark session around every test (the driver and, through the broadcast configuration, the executors),
     * Hadoop's own again after it, with no hooks left.
     */
    static final class OnSharedSpark implements BeforeEachCallback, AfterEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            installInPlace(SharedSpark.spark().sparkContext().hadoopConfiguration());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            uninstall(SharedSpark.spark().sparkContext().hadoopConfiguration());
        }
    }

    static Configuration install(Configuration base) {
        Configuration c = new Configuration(base);
        installInPlace(c);
        return c;
    }

    static void installInPlace(Configuration c) {
        c.set("fs.file.impl", InstrumentedLocalFileSystem.class.getName());
        c.setBoolean("fs.file.impl.disable.cache", true);
    }

    /** Back to Hadoop's own local file system. */
    static void uninstall(Configuration c) {
        c.unset("fs.file.impl");
        c.unset("fs.file.impl.disable.cache");
        onCreate = null;
        onWrite = null;
    }

    /** The {@code --conf} arguments that install this file system in a run started from the command line. */
    static List<String> sparkConf() {
        return List.of("--conf", "spark.hadoop.fs.file.impl=" + InstrumentedLocalFileSystem.class.getName(),
                "--conf", "spark.hadoop.fs.file.impl.disable.cache=true");
    }

    static void reset() {
        OPENED.clear();
    }

    static long opened(String suffix) {
        return OPENED.stream().filter(p -> p.endsWith(suffix)).count();
    }
}
