package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 12 problems 7 and 4: field types of a project line and micrographs listed twice. */
class ProjectStoreFieldsTest {

    private static InputFormatException refused(String text) {
        return assertThrows(InputFormatException.class, () -> ProjectStore.parse(text, "p.jsonl"));
    }

    @Test
    void stateAsAStringIsAMalformedLineNamingFileAndLine() {
        InputFormatException e = refused("{\"intg\":\"/d/a.mrc\",\"smpd\":1.5,\"state\":1}\n"
                + "{\"intg\":\"/d/b.mrc\",\"smpd\":1.5,\"state\":\"1\"}\n");
        assertEquals("p.jsonl", e.source());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("p.jsonl:2: field \"state\""), e.getMessage());
        assertTrue(e.getMessage().contains("the string \"1\""), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void smpdAsAStringIsRefused() {
        InputFormatException e = refused("{\"intg\":\"/d/a.mrc\",\"smpd\":\"4.0\",\"state\":1}\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("field \"smpd\" must be a number") && e.getMessage().contains("\"4.0\""), e.getMessage());
    }

    @Test
    void otherKnownFieldsHaveTheirTypeToo() {
        assertTrue(refused("{\"intg\":5}").getMessage().contains("field \"intg\" must be a string, not the number 5"));
        assertTrue(refused("{\"intg\":\"/a.mrc\",\"nptcls\":2.5}").getMessage().contains("\"nptcls\" must be a whole number"));
        assertTrue(refused("{\"intg\":\"/a.mrc\",\"state\":true}").getMessage().contains("the boolean true"));
        assertTrue(refused("{\"intg\":\"/a.mrc\",\"boxfile\":3}").getMessage().contains("\"boxfile\" must be a string"));
        assertTrue(refused("{\"intg\":\"/a.mrc\",\"state\":12345678901}").getMessage().contains("whole number"));
    }

    @Test
    void rightTypesNullsWholeDoublesAndUnknownKeysAreAccepted() {
        List<MicRecord> recs = ProjectStore.parse("{\"intg\":\"/d/a.mrc\",\"smpd\":2,\"state\":1.0,\"nptcls\":null,"
                + "\"ctf\":\"x\",\"dfx\":3}\n{\"smpd\":1.5,\"state\":0,\"error\":\"constant micrograph\"}\n", "p.jsonl");
        assertEquals(2, recs.size());
        assertEquals(1, recs.get(0).state());
        assertEquals(2.0, recs.get(0).smpd());
    }

    @Test
    void aMicrographListedTwiceIsRefusedNamingBothLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("project.jsonl");
        Files.writeString(f, "{\"intg\":\"/d/sub1/same.mrc\",\"smpd\":1.5,\"state\":1}\n"
                + "{\"intg\":\"/d/sub2/same.mrc\",\"smpd\":1.5,\"state\":1}\n"
                + "\n"
                + "{\"intg\":\"file:/d/sub1/same.mrc\",\"smpd\":1.5,\"state\":1}\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectStore.read(f.toString(), new Configuration()));
        assertEquals(4, e.line(), "the second listing is the bad line");
        assertTrue(e.getMessage().contains("file:/d/sub1/same.mrc") && e.getMessage().contains("already listed on line 1"),
                e.getMessage());
    }

    @Test
    void sameFileNameInTwoFoldersIsNotADuplicate() {
        assertEquals(2, ProjectStore.parse("{\"intg\":\"/d/sub1/same.mrc\"}\n{\"intg\":\"/d/sub2/same.mrc\"}\n", "p").size());
    }
}
