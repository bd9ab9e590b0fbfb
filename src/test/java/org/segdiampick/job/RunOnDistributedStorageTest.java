package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.segdiampick.io.Importer;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.io.Storage;
import org.segdiampick.testing.MiniHdfs;
import org.segdiampick.testing.S3Server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same run as {@link ReferenceRun}, with project, micrographs and OUT all on a real HDFS (MiniDFSCluster) or
 * on S3 through S3A (S3Proxy): the box files must be byte-identical to the local run's. The S3A settings reach
 * the job only through {@code --conf spark.hadoop.fs.s3a.*=...}, as a user would pass them.
 */
class RunOnDistributedStorageTest {

    @Test
    void runOnHdfsMatchesTheLocalRun() throws Exception {
        ReferenceRun ref = ReferenceRun.get();
        try (MiniHdfs hdfs = MiniHdfs.start()) {
            String root = hdfs.uri() + "/segdiampick";
            Configuration conf = hdfs.configuration();
            JobFixtures.upload(JobFixtures.apoferritin(), root + "/mics", conf);
            JobFixtures.Cli imp = JobFixtures.cli("import", "--mics", root + "/mics", "--project", root + "/project.jsonl");
            assertEquals(0, imp.code(), imp.toString());
            JobFixtures.Cli r = JobFixtures.cli("run", "--project", root + "/project.jsonl", "--out", root + "/out");
            assertEquals(0, r.code(), r.toString());
            assertSameAsReference(ref, root, conf);
        }
    }

    @Test
    void runOnS3ThroughS3aWithConfOptionsMatchesTheLocalRun() throws Exception {
        ReferenceRun ref = ReferenceRun.get();
        try (S3Server s3 = S3Server.start("segdiampick-test")) {
            String root = "s3a://" + s3.bucket() + "/batch1";
            Configuration conf = s3.applyTo(new Configuration());
            JobFixtures.upload(JobFixtures.apoferritin(), root + "/mics", conf);
            ProjectStore.write(root + "/project.jsonl", Importer.importMics(root + "/mics", null, conf), conf);
            List<String> args = new ArrayList<>(List.of("run", "--project", root + "/project.jsonl", "--out", root + "/out"));
            for (Map.Entry<String, String> e : s3.s3aSettings().entrySet()) {
                args.add("--conf");
                args.add("spark.hadoop." + e.getKey() + "=" + e.getValue());
            }
            JobFixtures.Cli r = JobFixtures.cli(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.toString());
            assertSameAsReference(ref, root, conf);
        }
    }

    private static void assertSameAsReference(ReferenceRun ref, String root, Configuration conf) throws Exception {
        Map<String, byte[]> snap = JobFixtures.snapshot(root + "/out", conf);
        assertTrue(snap.containsKey("_SUCCESS"), snap.keySet().toString());
        RunJobTest.assertSameFiles(JobFixtures.under(ref.snapshot, "boxes/"), JobFixtures.under(snap, "boxes/"));
        RunJobTest.assertSameFiles(JobFixtures.under(ref.snapshot, "thumbs/"), JobFixtures.under(snap, "thumbs/"));
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(ref.snapshot.get("summary.json")), b = json.readTree(snap.get("summary.json"));
        for (String k : List.of("box_in_pix", "mskdiam", "diam_min", "diam_max", "n_diameters", "n_accepted"))
            assertEquals(a.get(k), b.get(k), k);
        List<MicRecord> project = ProjectStore.read(root + "/project.jsonl", conf);
        assertEquals(3, project.size());
        for (MicRecord r : project) {
            assertTrue(r.intg().startsWith(root + "/mics/"), r.toString());
            assertTrue(r.getString("boxfile").startsWith(root + "/out/boxes/"), r.toString());
            assertTrue(Storage.exists(r.getString("boxfile"), conf));
            assertFalse(r.has("error"));
        }
        assertTrue(Storage.exists(root + "/project.jsonl.prev", conf), "previous project version kept");
    }
}
