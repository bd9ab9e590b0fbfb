package org.segdiampick.io;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * Hadoop's raw local file system without a child process per file. Without Hadoop's native library (libhadoop,
 * not shipped in the Maven jars), {@link RawLocalFileSystem} runs {@code chmod} for every file and folder it
 * creates and {@code ls -ld} whenever a listed file's permission or owner is read (a recursive listing reads them
 * for every file): about 3 ms per file, which made writing a box file cost more than picking a small micrograph.
 * Here files and folders are created with the process's umask, as {@code java.io} does, and statuses come from one
 * {@code stat} call through java.nio. Everything else is Hadoop's. {@link Storage} uses it for local paths.
 */
public final class ForklessLocalFileSystem extends RawLocalFileSystem {

    /** No explicit mode: the file gets the umask's permissions, without {@code chmod}. */
    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission) throws IOException {
        return new FileOutputStream(pathToFile(f), append);
    }

    @Override
    protected boolean mkOneDirWithMode(Path p, File p2f, FsPermission permission) throws IOException {
        return p2f.mkdir();
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return status(f, pathToFile(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        File dir = pathToFile(f);
        FileStatus self = status(f, dir);
        if (!self.isDirectory()) return new FileStatus[]{self};
        List<FileStatus> out = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(dir.toPath())) {
            for (java.nio.file.Path e : entries) {
                try {
                    out.add(status(new Path(f, e.getFileName().toString()), e.toFile()));
                } catch (FileNotFoundException gone) {
                    // deleted while listing: not part of the listing, as with java.io.File.list
                }
            }
        }
        return out.toArray(FileStatus[]::new);
    }

    private FileStatus status(Path f, File file) throws IOException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file.toPath(), PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("File " + f + " does not exist");
        }
        return new FileStatus(a.size(), a.isDirectory(), 1, getDefaultBlockSize(f), a.lastModifiedTime().toMillis(),
                a.lastAccessTime().toMillis(), new FsPermission(mode(a)), a.owner().getName(), a.group().getName(),
                makeQualified(f));
    }

    /** The POSIX permission bits as the octal mode Hadoop's {@link FsPermission} takes. */
    static short mode(PosixFileAttributes a) {
        int m = 0;
        for (PosixFilePermission p : a.permissions()) m |= 1 << (8 - p.ordinal());
        return (short) m;
    }
}
