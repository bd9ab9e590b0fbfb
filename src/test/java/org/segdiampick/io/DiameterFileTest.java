package org.segdiampick.io;

import org.segdiampick.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiameterFileTest {

    @Test
    void g14_7Fields() {
        assertEquals("  56.56854    ", DiameterFile.g14_7(56.56854, new StringBuilder()));
        assertEquals("  0.000000    ", DiameterFile.g14_7(0, new StringBuilder()));
        assertEquals(" 0.1000000    ", DiameterFile.g14_7(0.1, new StringBuilder()));
        assertEquals("  100.0000    ", DiameterFile.g14_7(100, new StringBuilder()));
        assertEquals("  9999999.    ", DiameterFile.g14_7(9999999, new StringBuilder()));
        assertEquals(" 0.1000000E+08", DiameterFile.g14_7(9999999.6, new StringBuilder())); // rounds past 10^7
        assertEquals(" 0.5000000E-01", DiameterFile.g14_7(0.05, new StringBuilder()));
    }

    @Test
    void writesSimplesLayoutByteForByte() throws IOException {
        // the oracle's pick1 diameters: raw values (float, 9 digits) and SIMPLE's own one-line file
        Path dir = SharedData.oracle().resolve("syn/pick1");
        for (String mic : List.of("syn_mic01", "syn_mic02", "syn_mic03")) {
            List<String> raw = Files.readAllLines(dir.resolve(mic + "_pick1_diams_raw.txt"));
            double[] d = raw.stream().filter(s -> !s.isBlank()).mapToDouble(s -> Float.parseFloat(s.trim())).toArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DiameterFile.write(d, out);
            String simple = Files.readString(dir.resolve(mic + "_pick1_diams_simplefmt.txt"), StandardCharsets.US_ASCII);
            assertEquals(simple, out.toString(StandardCharsets.US_ASCII), mic);
            assertEquals(15 * d.length + 1, out.size());
            // and back: 7 significant digits survive
            double[] back = DiameterFile.read(new StringReader(simple), mic);
            assertEquals(d.length, back.length);
            for (int i = 0; i < d.length; i++) assertEquals(d[i], back[i], 5e-7 * d[i]);
        }
    }

    @Test
    void readsPermissivelyAndWithoutTruncation() {
        String text = "# diameters of mic 1\n\n  12.5 13\t14e0\n15.0D+00 # trailing comment\r\n+16.\n";
        assertArrayEquals(new double[] {12.5, 13, 14, 15, 16}, DiameterFile.read(new StringReader(text), "a.txt"), 0);
        // 2000 values on one line (SIMPLE keeps 546, B-16)
        double[] many = new double[2000];
        for (int i = 0; i < many.length; i++) many[i] = 20 + i * 0.25;
        String line = DiameterFile.toText(many);
        assertTrue(line.length() > 8192);
        assertArrayEquals(many, DiameterFile.read(new StringReader(line), "many.txt"), 1e-4);
        assertEquals(0, DiameterFile.read(new StringReader("# nothing\n\n"), "empty.txt").length);
    }

    @Test
    void malformedInputNamesFileAndLine() {
        InputFormatException e = assertThrows(InputFormatException.class,
            () -> DiameterFile.read(new StringReader("1 2\n3 x4\n"), "bad.txt"));
        assertEquals("bad.txt", e.source());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("bad.txt:2: "));
        assertEquals(3, assertThrows(InputFormatException.class,
            () -> DiameterFile.read(new StringReader("1\n2\n-3\n"), "neg.txt")).line());
        assertEquals(1, assertThrows(InputFormatException.class,
            () -> DiameterFile.read(new StringReader("NaN"), "nan.txt")).line());
        assertEquals(1, assertThrows(InputFormatException.class,
            () -> DiameterFile.read(new StringReader("1e999"), "inf.txt")).line());
        assertThrows(InputFormatException.class, () -> DiameterFile.read(new StringReader("1.5f"), "suffix.txt"));
        assertThrows(InputFormatException.class, () -> DiameterFile.read(new StringReader("0x10"), "hex.txt"));
        assertThrows(IllegalArgumentException.class, () -> DiameterFile.write(new double[] {-1}, new ByteArrayOutputStream()));
    }
}
