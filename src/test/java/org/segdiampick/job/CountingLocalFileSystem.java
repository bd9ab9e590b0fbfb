package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local file system, recording every file opened for reading, so a test can count what a stage reads
 * without any hook in production code. Installed per {@link Configuration} by {@link #install}.
 */
public final class CountingLocalFileSystem extends RawLocalFileSystem {
    /** Paths opened since the last {@link #reset()}, in order. */
    static final List<String> OPENED = new CopyOnWriteArrayList<>();

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        OPENED.add(f.toUri().getPath());
        return super.open(f, bufferSize);
    }

    static Configuration install(Configuration base) {
        Configuration c = new Configuration(base);
        c.set("fs.file.impl", CountingLocalFileSystem.class.getName());
        c.setBoolean("fs.file.impl.disable.cache", true);
        return c;
    }

    static void reset() {
        OPENED.clear();
    }

    static long opened(String suffix) {
        return OPENED.stream().filter(p -> p.endsWith(suffix)).count();
    }
}
