package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProjectStoreTest {
    private final Configuration conf = new Configuration();

    @Test
    void unknownKeysAndOrderSurviveARoundTrip(@TempDir Path dir) throws Exception {
        String text = "{\"intg\":\"/d/a.mrc\",\"smpd\":1.5,\"state\":1,\"ctf\":\"yes\",\"dfx\":1.25,\"n\":null,\"ok\":true,\"big\":12345678901}\n"
                + "\n"
                + "{\"intg\":\"/d/b.mrc\",\"smpd\":2,\"state\":0,\"error\":\"constant micrograph\"}\n";
        Path f = dir.resolve("project.jsonl");
        Files.writeString(f, text);
        List<MicRecord> recs = ProjectStore.read(f.toString(), conf);
        assertEquals(2, recs.size());
        MicRecord a = recs.get(0);
        assertEquals("/d/a.mrc", a.intg());
        assertEquals(1.5, a.smpd());
        assertEquals(1, a.state());
        assertEquals(List.of("intg", "smpd", "state", "ctf", "dfx", "n", "ok", "big"), List.copyOf(a.keys()));
        assertTrue(a.has("n"));
        assertNull(a.get("n"));
        assertEquals(12345678901L, a.get("big"));
        assertEquals(2.0, recs.get(1).smpd());
        assertEquals("constant micrograph", recs.get(1).getString("error"));
        // blank line dropped, everything else byte-identical
        assertEquals(text.replace("\n\n", "\n").replace("\"smpd\":2,", "\"smpd\":2,"),
                new String(ProjectStore.serialize(recs), StandardCharsets.UTF_8));
    }

    @Test
    void serializeIsDeterministicAndSetKeepsPosition() {
        MicRecord r = MicRecord.of("/d/x.mrc", 1.34).set(MicRecord.NPTCLS, 12).set(MicRecord.BOXFILE, "/o/x.box");
        r.set(MicRecord.SMPD, 2.5f); // replaced in place, float widened
        byte[] a = ProjectStore.serialize(List.of(r, r.copy()));
        byte[] b = ProjectStore.serialize(List.of(r.copy(), r.copy()));
        assertArrayEquals(a, b);
        assertEquals("{\"intg\":\"/d/x.mrc\",\"smpd\":2.5,\"state\":1,\"nptcls\":12,\"boxfile\":\"/o/x.box\"}\n",
                new String(a, StandardCharsets.UTF_8).lines().findFirst().orElseThrow() + "\n");
        r.remove(MicRecord.BOXFILE);
        assertFalse(r.has(MicRecord.BOXFILE));
        assertThrows(IllegalArgumentException.class, () -> r.set("d", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> r.set("d", List.of(1)));
        assertThrows(IllegalStateException.class, () -> r.set("s", "x").getInt("s"));
        assertEquals(3, r.set("s", 3.0).getInt("s"));
    }

    @Test
    void copyIsIndependentAndRecordIsSerializable() throws Exception {
        MicRecord r = MicRecord.of("/d/x.mrc", 1.5);
        MicRecord c = r.copy().set(MicRecord.STATE, 0);
        assertEquals(1, r.state());
        assertEquals(0, c.state());
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bo)) {
            o.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bo.toByteArray()))) {
            assertEquals(r, in.readObject());
        }
    }

    @Test
    void malformedLineNamesFileAndOneBasedLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"intg\":\"a\"}\n\n{\"intg\": \n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectStore.read(f.toString(), conf));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
        Files.writeString(f, "[1,2]\n");
        assertEquals(1, assertThrows(InputFormatException.class, () -> ProjectStore.read(f.toString(), conf)).line());
        Files.writeString(f, "{\"a\":1}\n{\"a\":{\"b\":2}}\n");
        assertEquals(2, assertThrows(InputFormatException.class, () -> ProjectStore.read(f.toString(), conf)).line());
        Files.writeString(f, "{\"a\":1} {\"b\":2}\n");
        assertThrows(InputFormatException.class, () -> ProjectStore.read(f.toString(), conf));
    }

    @Test
    void writeKeepsPreviousVersionAndLeavesNoTemporaryOrCrcFiles(@TempDir Path dir) throws Exception {
        String f = dir.resolve("out/project.jsonl").toString();
        List<MicRecord> v1 = List.of(MicRecord.of("/d/a.mrc", 1.5));
        List<MicRecord> v2 = List.of(MicRecord.of("/d/a.mrc", 1.5).set(MicRecord.NPTCLS, 3));
        List<MicRecord> v3 = List.of(MicRecord.of("/d/b.mrc", 1.5));
        ProjectStore.write(f, v1, conf);
        assertEquals(v1, ProjectStore.read(f, conf));
        assertFalse(Files.exists(Path.of(f + ".prev")));
        ProjectStore.write(f, v2, conf);
        ProjectStore.write(f, v3, conf);
        assertEquals(v3, ProjectStore.read(f, conf));
        assertEquals(v2, ProjectStore.read(f + ".prev", conf));
        try (var s = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("project.jsonl", "project.jsonl.prev"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
