package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForklessLocalFileSystemTest {

    @TempDir
    java.nio.file.Path tmp;

    private static FileSystem local() throws Exception {
        return Storage.fileSystem(Storage.path("/"), new Configuration());
    }

    @Test
    void storageUsesItForLocalPathsButKeepsAConfiguredReplacement() throws Exception {
        assertInstanceOf(ForklessLocalFileSystem.class, local());
        assertSame(local(), local());
        Configuration c = new Configuration();
        c.set("fs.file.impl", RawLocalFileSystem.class.getName());
        c.setBoolean("fs.file.impl.disable.cache", true);
        assertInstanceOf(ForklessLocalFileSystem.class, Storage.fileSystem(Storage.path("/"), c),
                "Hadoop's own raw local file system is what it replaces");
    }

    @Test
    void createsFilesAndMissingParentFoldersWithTheirContent() throws Exception {
        String target = tmp.resolve("a/b/c/file.box").toString();
        try (OutputStream os = Storage.create(target, new Configuration())) {
            os.write(new byte[]{1, 2, 3});
        }
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(tmp.resolve("a/b/c/file.box")));
        assertTrue(Files.isDirectory(tmp.resolve("a/b")));
        try (OutputStream os = Storage.create(target, new Configuration())) {
            os.write(9);
        }
        assertArrayEquals(new byte[]{9}, Files.readAllBytes(tmp.resolve("a/b/c/file.box")), "create replaces");
    }

    @Test
    void statusesComeFromOneStatWithPermissionOwnerAndLength() throws Exception {
        java.nio.file.Path f = Files.write(tmp.resolve("x.star"), new byte[17]);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Files.createDirectory(tmp.resolve("sub"));
        FileSystem fs = local();
        FileStatus st = fs.getFileStatus(new Path(f.toUri()));
        assertEquals(17, st.getLen());
        assertFalse(st.isDirectory());
        assertEquals((short) 0640, st.getPermission().toShort());
        assertEquals(Files.getOwner(f).getName(), st.getOwner());
        assertEquals(Files.getLastModifiedTime(f).toMillis(), st.getModificationTime());

        FileStatus[] listed = fs.listStatus(new Path(tmp.toUri()));
        Arrays.sort(listed, Comparator.comparing(s -> s.getPath().getName()));
        assertEquals(2, listed.length);
        assertEquals("sub", listed[0].getPath().getName());
        assertTrue(listed[0].isDirectory());
        assertEquals("x.star", listed[1].getPath().getName());
        assertEquals(17, listed[1].getLen());
        assertEquals(new Path(f.toUri()), listed[1].getPath(), "listed paths are qualified like Hadoop's");

        FileStatus[] self = fs.listStatus(new Path(f.toUri()));
        assertEquals(1, self.length, "a file lists as itself");
        assertThrows(FileNotFoundException.class, () -> fs.getFileStatus(new Path(tmp.resolve("missing").toUri())));
        assertThrows(FileNotFoundException.class, () -> fs.listStatus(new Path(tmp.resolve("missing").toUri())));
    }

    @Test
    void recursiveListingFindsEveryFile() throws Exception {
        Files.createDirectories(tmp.resolve("coords/data/g1"));
        Files.write(tmp.resolve("coords/data/g1/m.star"), new byte[1]);
        Files.write(tmp.resolve("coords/top.star"), new byte[2]);
        var it = local().listFiles(new Path(tmp.resolve("coords").toUri()), true);
        java.util.List<String> names = new java.util.ArrayList<>();
        while (it.hasNext()) names.add(it.next().getPath().getName());
        names.sort(null);
        assertEquals(java.util.List.of("m.star", "top.star"), names);
    }
}
