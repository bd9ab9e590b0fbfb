package org.segdiampick.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Hadoop's local file system cannot tell: whether a local path is a regular file. It reports a named
 * pipe, a device or a socket as a file, and opening a pipe blocks until someone writes to it. The check asks
 * the operating system (no open); paths on other file systems (HDFS, S3) hold only files and folders.
 */
final class LocalFiles {
    private LocalFiles() {
    }

    /**
     * Why {@code location} is not a regular file ("a folder", "a named pipe", ...), following symbolic links;
     * null for a regular file, a path that does not exist (the reader reports it), or a non-local location.
     */
    static String notRegular(String location) {
        URI uri = Storage.path(location).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) return null;
        Path p = Path.of(uri.getPath());
        if (Files.isRegularFile(p) || !Files.exists(p)) return null;
        if (Files.isDirectory(p)) return "a folder";
        return kind(p);
    }

    private static String kind(Path p) {
        try {
            // Files.getAttribute follows links, as isRegularFile does: a link to a pipe is a pipe.
            int type = ((Integer) Files.getAttribute(p, "unix:mode")) & 0170000;
            return switch (type) {
                case 0010000 -> "a named pipe";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a regular file";
        }
    }
}
