package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.image.Image2D;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The same Storage, MRC and project calls on an in-process HDFS, as on a cluster. */
class StorageHdfsTest {
    @Test
    void mrcProjectAndGlobOnHdfs(@TempDir Path base) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            String root = cluster.getFileSystem().getUri() + "/data";
            Image2D img = Image2D.of(6, 4, 2.0, new float[24]);
            img.data[5] = 3.5f;
            MrcWriter.write(img, root + "/mics/b.mrc", conf);
            MrcWriter.write(img, root + "/mics/a.mrc", conf);
            assertEquals(List.of(root + "/mics/a.mrc", root + "/mics/b.mrc"), Storage.glob(root + "/mics/*.mrc", conf));
            assertEquals(img, MrcReader.read(root + "/mics/a.mrc", conf, MrcReader.Options.IMAGE).image());
            List<MicRecord> recs = Importer.importMics(root + "/mics", null, conf);
            assertEquals(root + "/mics/a.mrc", recs.get(0).intg());
            assertEquals(2.0, recs.get(0).smpd());
            String p = root + "/project.jsonl";
            ProjectStore.write(p, recs, conf);
            ProjectStore.write(p, recs.subList(0, 1), conf);
            assertEquals(1, ProjectStore.read(p, conf).size());
            assertEquals(2, ProjectStore.read(p + ".prev", conf).size());
            assertEquals(List.of(root + "/project.jsonl", root + "/project.jsonl.prev"), Storage.listFiles(root, "", conf));
        } finally {
            cluster.shutdown();
        }
    }
}
