package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local file system, recording every file opened for reading and calling a test's fault injector on every
 * file created, so tests can count what a stage reads, or kill a run at a chosen write, without any hook in
 * production code. Installed per {@link Configuration} by {@link #install}, or on a Spark session with
 * {@code --conf spark.hadoop.fs.file.impl=...} (then executors in the same JVM use it too).
 */
public final class InstrumentedLocalFileSystem extends RawLocalFileSystem {
    /** Paths opened since the last {@link #reset()}, in order. */
    static final List<String> OPENED = new CopyOnWriteArrayList<>();
    /** Called with the path of every file about to be created (driver and executors); may throw. Null = none. */
    static volatile Consumer<String> onCreate;

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        Consumer<String> hook = onCreate;
        if (hook != null) hook.accept(f.toUri().getPath());
        return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                     long blockSize, Progressable progress) throws IOException {
        Consumer<String> hook = onCreate;
        if (hook != null) hook.accept(f.toUri().getPath());
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        OPENED.add(f.toUri().getPath());
        return super.open(f, bufferSize);
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
