package org.segdiampick.io;

import org.segdiampick.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BoxFileTest {
    private static String write(List<BoxFile.BoxEntry> e, int box) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        BoxFile.write(e, box, o);
        return o.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void handComputedLinesInFortranLayout() throws Exception {
        String s = write(List.of(new BoxFile.BoxEntry(451, 30, 102.8), new BoxFile.BoxEntry(3, 0, 7.25),
                new BoxFile.BoxEntry(100, 100, 99.96)), 140);
        assertEquals("    381    -40    140    140   102.8\n"
                + "    -67    -70    140    140     7.3\n" // 7.25 is exact in binary: half away from zero
                + "     30     30    140    140   100.0\n", s);
        // odd box: integer division 141/2 = 70
        assertEquals("     30     30    141    141    10.0\n", write(List.of(new BoxFile.BoxEntry(100, 100, 10)), 141));
        for (String line : s.split("\n")) assertEquals(36, line.length());
    }

    @Test
    void tooWideNumbersWidenInsteadOfAsterisks() throws Exception {
        String s = write(List.of(new BoxFile.BoxEntry(12345678, -1000000, 1234567.0)), 10);
        assertEquals(" 12345673 -1000005     10     10 1234567.0\n", s);
        BoxFile.BoxLine l = BoxFile.read(new StringReader(s), "w").get(0);
        assertEquals(12345673, l.x());
        assertEquals(-1000005, l.y());
        assertEquals(1234567.0, l.diameter());
    }

    @Test
    void oracleBoxFilesAreReproducedByteForByte() throws Exception {
        Path dir = SharedData.oracle().resolve("apoferritin/kmeans");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".box")).sorted().toList();
        }
        assertEquals(3, files.size());
        for (Path f : files) {
            String original = Files.readString(f, StandardCharsets.US_ASCII);
            List<BoxFile.BoxLine> lines = BoxFile.read(new StringReader(original), f.toString());
            assertFalse(lines.isEmpty());
            int box = (int) lines.get(0).width();
            List<BoxFile.BoxEntry> back = new ArrayList<>();
            for (BoxFile.BoxLine l : lines) {
                assertEquals(box, (int) l.height());
                back.add(new BoxFile.BoxEntry((int) l.x() + box / 2, (int) l.y() + box / 2, l.diameter()));
            }
            assertEquals(original, write(back, box), f.toString());
        }
    }

    @Test
    void fourColumnFilesAndMalformedLines() throws Exception {
        List<BoxFile.BoxLine> l = BoxFile.read(new StringReader("10 20 64 64\n\n 1.5\t2.5 64 64 99.5\n"), "x.box");
        assertEquals(2, l.size());
        assertNull(l.get(0).diameter());
        assertEquals(42, l.get(0).centreX());
        assertEquals(33.5, l.get(1).centreX());
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> BoxFile.read(new StringReader("1 2 3 4\n1 2 3\n"), "x.box"));
        assertEquals("x.box:2: a box line has 4 or 5 columns, found 3", e.getMessage());
        assertEquals(1, assertThrows(InputFormatException.class,
                () -> BoxFile.read(new StringReader("1 2 a 4\n"), "x.box")).line());
    }
}
