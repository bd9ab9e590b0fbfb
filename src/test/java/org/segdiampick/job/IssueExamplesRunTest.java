package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.testing.SmallBatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problems 4 and 7 as a user meets them, through the command line (the units are tested in io/): a STAR
 * file listing {@code sub1/same.mrc}, {@code sub2/same.mrc}, {@code sub3/same_2.mrc} gives three micrographs with
 * three box files of their own; a project listing a micrograph twice, or with {@code "state": "1"} as a string, is
 * exit 2 with one line naming file and line, before anything is written.
 */
class IssueExamplesRunTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    @Test
    void aStarListingSameNamesInThreeFoldersGivesThreeOutputsThatDoNotCollide() throws Exception {
        Path d = tmp.resolve("d");
        List<String> listed = List.of("sub1/same.mrc", "sub2/same.mrc", "sub3/same_2.mrc");
        for (int i = 0; i < listed.size(); i++) {
            Path f = d.resolve(listed.get(i));
            Files.createDirectories(f.getParent());
            MrcWriter.write(SmallBatch.generate(i), f.toString(), CONF);
        }
        Path star = d.resolve("micrographs.star");
        Files.writeString(star, "data_\nloop_\n_rlnMicrographName #1\n_rlnPixelSize #2\n"
                + String.join("", listed.stream().map(m -> m + " " + SmallBatch.SMPD + "\n").toList()));
        Path out = tmp.resolve("out");
        JobFixtures.Cli r = JobFixtures.cli("run", "--mics", star.toString(), "--out", out.toString(), "--clustering", "hac");
        assertEquals(0, r.code(), r.toString());

        List<MicRecord> records = ProjectStore.read(out.resolve("project.jsonl").toString(), CONF);
        assertEquals(3, records.size());
        Set<String> boxes = new HashSet<>(), thumbs = new HashSet<>();
        int withBoxes = 0;
        for (MicRecord rec : records) {
            String box = rec.getString(MicRecord.BOXFILE);
            if (box != null) {
                assertTrue(Files.isRegularFile(Path.of(box)), box);
                boxes.add(box);
                withBoxes++;
            }
            thumbs.add(rec.getString("thumb_den"));
        }
        assertTrue(withBoxes >= 2, "particles found: " + records);
        assertEquals(withBoxes, boxes.size(), "no box file shared by two micrographs: " + boxes);
        assertEquals(3, thumbs.size(), "one thumbnail per micrograph: " + thumbs);
        // sub3/same_2.mrc keeps the name it always had; the second same.mrc gets one that no other micrograph has
        assertEquals(List.of("same", "same_3", "same_2"), records.stream().map(rec -> {
            String t = rec.getString("thumb_den");
            return Path.of(t).getFileName().toString().replace("_den.jpg", "");
        }).toList());
    }

    @Test
    void aMicrographListedTwiceInAProjectIsRefusedNamingBothLines() throws Exception {
        Path mic = SmallBatch.write(tmp.resolve("mics"), 1).get(0);
        Path p = tmp.resolve("p.jsonl");
        Files.writeString(p, "{\"intg\":\"" + mic + "\",\"smpd\":2.0}\n{\"intg\":\"" + mic + "\",\"smpd\":2.0}\n");
        assertRefusedBeforeAnythingIsWritten(p, "already listed on line 1");
    }

    @Test
    void aStateGivenAsAStringIsExit2NamingFileAndLine() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 2);
        Path p = tmp.resolve("p.jsonl");
        Files.writeString(p, "{\"intg\":\"" + mics.get(0) + "\",\"smpd\":2.0,\"state\":1}\n{\"intg\":\"" + mics.get(1)
                + "\",\"smpd\":\"2.0\",\"state\":\"1\"}\n");
        assertRefusedBeforeAnythingIsWritten(p, p + ":2: field");
    }

    private void assertRefusedBeforeAnythingIsWritten(Path project, String text) throws Exception {
        byte[] before = Files.readAllBytes(project);
        Path out = tmp.resolve("out");
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString(), "--clustering", "hac");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(text), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertArrayEquals(before, Files.readAllBytes(project));
        assertFalse(Files.exists(out.resolve("boxes")) || Files.exists(out.resolve("_BATCH.json")), "nothing written");
        assertFalse(Files.exists(out.resolve("_LOCK")) || Files.exists(Path.of(project + ".lock")), "locks released");
    }
}
