package org.segdiampick.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.segdiampick.io.Storage;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a small output file costs on the local file system, side by side in one JVM: creating N files of 1 KB
 * (box-file size) in nested folders through Hadoop's local file system ({@code FileSystem.create}: without Hadoop's
 * native library a {@code chmod} process per file and per new folder) and through {@link Storage#create} (java.nio
 * on Hadoop's own local file system); then listing them, Hadoop's recursive {@code listFiles} (an {@code ls -ld}
 * process per file for its owner and permissions) against a {@code listStatus} walk. Wall time and this thread's
 * CPU time per file (the processes' own CPU is not in it). Usage: {@code bench/run LocalFilesBenchmark [N=2000]}.
 */
public final class LocalFilesBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        java.nio.file.Path work = Files.createTempDirectory("segdiampick-localfiles");
        Configuration conf = new Configuration();
        byte[] content = new byte[1024];
        try {
            for (int round = 0; round < 2; round++) {
                String label = round == 0 ? "(warm-up)" : "";
                java.nio.file.Path a = work.resolve("hadoop" + round), b = work.resolve("storage" + round);
                FileSystem fs = Storage.fileSystem(Storage.path(a.toString()), conf);
                long[] t = start();
                for (int i = 0; i < n; i++) {
                    try (OutputStream os = fs.create(Storage.path(a.resolve(file(i)).toString()), true)) {
                        os.write(content);
                    }
                }
                print("create, Hadoop FileSystem.create " + label, t, n);
                t = start();
                for (int i = 0; i < n; i++) {
                    try (OutputStream os = Storage.create(b.resolve(file(i)).toString(), conf)) {
                        os.write(content);
                    }
                }
                print("create, Storage.create " + label, t, n);
                t = start();
                int listed = 0;
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(Storage.path(a.toString()), true);
                while (it.hasNext()) {
                    it.next();
                    listed++;
                }
                print("list, Hadoop listFiles(recursive) " + label, t, listed);
                t = start();
                listed = 0;
                ArrayDeque<Path> folders = new ArrayDeque<>(List.of(Storage.path(b.toString())));
                while (!folders.isEmpty())
                    for (FileStatus s : fs.listStatus(folders.pop())) {
                        if (s.isDirectory()) folders.push(s.getPath());
                        else listed++;
                    }
                print("list, listStatus walk " + label, t, listed);
            }
        } finally {
            try (Stream<java.nio.file.Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Folders as a run nests them: a few sub-folders, as coords/ mirrors the micrographs' folders. */
    private static String file(int i) {
        return String.format("grid%02d/sq%03d/mic_%06d.box", i % 8, (i / 8) % 50, i);
    }

    private static long[] start() {
        return new long[]{System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }

    private static void print(String what, long[] t, int n) {
        double wall = (System.nanoTime() - t[0]) / 1e6, cpu = (THREADS.getCurrentThreadCpuTime() - t[1]) / 1e6;
        System.out.printf("%-45s %6d files: %7.3f ms wall, %7.3f ms CPU of this thread per file%n", what, n, wall / n, cpu / n);
    }

    private LocalFilesBenchmark() {
    }
}
