package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;
import org.segdiampick.testing.MiniHdfs;

import java.security.PrivilegedExceptionAction;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The --out check, the lock and the import's folder rule on an in-process HDFS that checks permissions (its
 * superuser is "hdfs", so this JVM's user is an ordinary HDFS user).
 */
class CampaignFilesHdfsTest {
    @Test
    void outCheckLockAndImportOnHdfs() throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.startWithPermissionsAs("hdfs")) {
            Configuration conf = hdfs.configuration();
            String root = hdfs.uri().toString();
            UserGroupInformation.createRemoteUser("hdfs").doAs((PrivilegedExceptionAction<Void>) () -> {
                FileSystem fs = FileSystem.newInstance(hdfs.uri(), hdfs.configuration());
                fs.mkdirs(new Path("/ro"), new FsPermission((short) 0555));
                fs.setPermission(new Path("/ro"), new FsPermission((short) 0555));
                fs.mkdirs(new Path("/rw"));
                fs.setPermission(new Path("/rw"), new FsPermission((short) 0777));
                fs.create(new Path("/rw/file")).close();
                fs.close();
                return null;
            });

            OptionException ro = assertThrows(OptionException.class, () -> OutLocation.checkWritable(root + "/ro/out", conf));
            assertTrue(ro.getMessage().startsWith("--out: " + root + "/ro/out is not writable: "), ro.getMessage());
            assertEquals(1, ro.getMessage().lines().count());
            assertEquals("--out: " + root + "/rw/file is a file, not a folder",
                    assertThrows(OptionException.class, () -> OutLocation.checkWritable(root + "/rw/file", conf)).getMessage());
            OutLocation.checkWritable(root + "/rw/out", conf);
            assertEquals(List.of(), Storage.listFiles(root + "/rw/out", "", conf), "no probe left behind");

            String lockFile = OutLock.ofOut(root + "/rw/out");
            try (OutLock lock = OutLock.acquire(lockFile, "run on hdfs", conf)) {
                assertEquals(lockFile, lock.location());
                OutLock.HeldException held = assertThrows(OutLock.HeldException.class, () -> OutLock.acquire(lockFile, "second", conf));
                assertTrue(held.getMessage().contains(": run on hdfs)"), held.getMessage());
            }
            assertFalse(Storage.exists(lockFile, conf));

            MrcWriter.write(org.segdiampick.image.Image2D.of(6, 4, 2.0, new float[24]), root + "/rw/mics/a.mrc", conf);
            FileSystem.get(hdfs.uri(), conf).mkdirs(new Path("/rw/mics/b.mrc"));
            Importer.Result r = Importer.importBatch(root + "/rw/mics", null, conf);
            assertEquals(List.of(root + "/rw/mics/a.mrc"), r.records().stream().map(MicRecord::intg).toList());
            assertEquals(List.of(root + "/rw/mics/b.mrc: a folder, not a micrograph; skipped"), r.warnings());
        }
    }
}
