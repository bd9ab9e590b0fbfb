package org.segdiampick.io;

import org.junit.jupiter.api.Test;
import org.segdiampick.job.MicTask;
import org.segdiampick.job.OutputLayout;
import org.segdiampick.job.ProjectSelection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 12 problem 4: output names never collide, and batches without a clash keep the names they had. */
class OutputNamesTest {

    /** The rule before issue 12 (the k-th equal file name gets _k), written out as the reference for old names. */
    private static List<String> previousRule(List<String> paths) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String b = OutputNames.baseName(p);
            int k = seen.merge(b, 1, Integer::sum);
            out.add(k == 1 ? b : b + "_" + k);
        }
        return out;
    }

    @Test
    void theIssueExampleNoLongerCollides() {
        List<String> paths = List.of("/d/sub1/same.mrc", "/d/sub2/same.mrc", "/d/sub3/same_2.mrc");
        assertEquals(List.of("same", "same_2", "same_2"), previousRule(paths), "the old rule collided");
        assertEquals(List.of("same", "same_3", "same_2"), OutputNames.assign(paths));
    }

    @Test
    void theProjectSelectionUsesThemSoBoxFilesDiffer() {
        ProjectSelection sel = ProjectSelection.select(List.of(MicRecord.of("/d/sub1/same.mrc", 1.5),
                MicRecord.of("/d/sub2/same.mrc", 1.5), MicRecord.of("/d/sub3/same_2.mrc", 1.5)), null, "p.jsonl");
        OutputLayout layout = new OutputLayout("/out");
        List<String> boxes = sel.tasks.stream().map(MicTask::name).map(layout::box).toList();
        assertEquals(List.of("/out/boxes/same.box", "/out/boxes/same_3.box", "/out/boxes/same_2.box"), boxes);
    }

    @Test
    void chainsOfSuffixesAndManyCopies() {
        assertEquals(List.of("a_2", "a", "a_3", "a_4", "a_2_2"),
                OutputNames.assign(List.of("/x/a_2.mrc", "/x/a.mrc", "/y/a.mrc", "/z/a.mrc", "/y/a_2.mrc")));
        assertEquals(List.of("m", "m_2", "m_3"), OutputNames.assign(List.of("s3a://b/1/m.mrc", "hdfs://n/2/m.mrc", "/3/m.tif")));
        assertEquals(List.of(), OutputNames.assign(List.of()));
    }

    @Test
    void randomBatchesAreCollisionFreeAndKeepTheOldNamesWhenTheyDidNotClash() {
        Random rnd = new Random(12);
        String[] stems = {"a", "a_2", "a_3", "b", "a_2_2", "b_2", "c.frames"};
        int unchanged = 0;
        for (int trial = 0; trial < 2000; trial++) {
            List<String> paths = new ArrayList<>();
            int n = 1 + rnd.nextInt(9);
            for (int i = 0; i < n; i++) paths.add("/d" + rnd.nextInt(4) + "/" + stems[rnd.nextInt(stems.length)] + ".mrc");
            List<String> names = OutputNames.assign(paths);
            assertEquals(paths.size(), names.size());
            assertEquals(names.size(), new HashSet<>(names).size(), "collision in " + paths + " -> " + names);
            assertEquals(names, OutputNames.assign(paths), "deterministic");
            List<String> old = previousRule(paths);
            if (new HashSet<>(old).size() == old.size()) {
                assertEquals(old, names, "a batch without a clash keeps its names: " + paths);
                unchanged++;
            }
            for (int i = 0; i < n; i++)
                assertTrue(names.get(i).startsWith(OutputNames.baseName(paths.get(i))), "readable: " + names.get(i));
        }
        assertTrue(unchanged > 500, "the comparison was exercised: " + unchanged);
    }

    @Test
    void baseNameStripsOnlyTheFinalExtension() {
        assertEquals("FoilHole_1.frames", OutputNames.baseName("s3a://b/x/FoilHole_1.frames.mrc"));
        assertEquals("noext", OutputNames.baseName("/x/noext"));
        assertEquals("q", OutputNames.baseName("s3a://b/q.mrc?versionId=3"));
    }
}
