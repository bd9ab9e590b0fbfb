package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.image.Image2D;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;
import static org.segdiampick.io.MrcHeader.Field;

class MrcReaderWriterTest {
    private final Configuration conf = new Configuration();

    private static Image2D ramp(int nx, int ny, double sx, double sy) {
        float[] d = new float[nx * ny];
        for (int i = 0; i < d.length; i++) d[i] = (float) (Math.sin(i * 0.37) * 1000 + i * 0.25);
        return new Image2D(nx, ny, sx, sy, d);
    }

    @Test
    void float32RoundTripKeepsPixelsAndPerAxisPixelSizeAndWritesStrictHeader() throws Exception {
        Image2D img = ramp(7, 5, 1.25, 1.3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MrcWriter.write(img, out, MrcHeader.Mode.FLOAT32);
        byte[] bytes = out.toByteArray();
        assertEquals(1024 + 7 * 5 * 4, bytes.length);
        Image2D back = MrcReader.read(bytes, "mem", MrcReader.Options.IMAGE).image();
        assertArrayEquals(img.data, back.data);
        assertEquals(1.25, back.smpdX, 1e-6);
        assertEquals(1.3, back.smpdY, 1e-6);

        MrcHeader h = MrcReader.read(bytes, "mem", MrcReader.Options.HEADER).header();
        assertEquals(ByteOrder.LITTLE_ENDIAN, h.order());
        assertEquals(java.util.List.of(), MrcValidator.problems(h));
        assertArrayEquals("MAP ".getBytes(StandardCharsets.US_ASCII), h.getBytes(Field.MAP));
        assertArrayEquals(new byte[] {0x44, 0x44, 0, 0}, h.getBytes(Field.MACHST));
        assertEquals(20140, h.nversion());
        assertEquals(1, h.getInt(Field.NLABL));
        assertEquals("segdiampick", h.label(0));
        assertEquals(7 * 1.25f, h.getFloat(Field.CELLA_X), 1e-5);
        assertEquals(90f, h.getFloat(Field.CELLB_GAMMA));
        assertEquals(3, h.getInt(Field.MAPS));
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
        for (float v : img.data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = sum / img.size(), ss = 0;
        for (float v : img.data) ss += (v - mean) * (v - mean);
        assertEquals((float) min, h.getFloat(Field.DMIN));
        assertEquals((float) max, h.getFloat(Field.DMAX));
        assertEquals(mean, h.getFloat(Field.DMEAN), 1e-3);
        assertEquals(Math.sqrt(ss / img.size()), h.getFloat(Field.RMS), 1e-3);
    }

    @Test
    void int8RoundTripIsExactAndOutOfRangeIsRefused() throws Exception {
        float[] d = {0, 1, -1, 127, -128, 2.4f, -2.5f, 1};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MrcWriter.write(Image2D.of(4, 2, 3.0, d), out, MrcHeader.Mode.INT8);
        assertEquals(1024 + 8, out.size());
        Image2D back = MrcReader.read(out.toByteArray(), "mem", MrcReader.Options.IMAGE).image();
        assertArrayEquals(new float[] {0, 1, -1, 127, -128, 2, -3, 1}, back.data);
        MrcHeader h = MrcReader.read(out.toByteArray(), "mem", MrcReader.Options.HEADER).header();
        assertEquals(0, h.modeCode());
        assertEquals(-128f, h.getFloat(Field.DMIN));
        assertEquals(127f, h.getFloat(Field.DMAX));
        assertThrows(IllegalArgumentException.class,
                () -> MrcWriter.write(Image2D.of(2, 1, 1, new float[] {0, 128}), new ByteArrayOutputStream(), MrcHeader.Mode.INT8));
        assertThrows(IllegalArgumentException.class,
                () -> MrcWriter.write(Image2D.of(2, 1, 1, new float[] {0, 1}), new ByteArrayOutputStream(), MrcHeader.Mode.INT16));
    }

    @Test
    void everyReadableModeInBothByteOrders() {
        double[][] valuesPerMode = {
                {0, 1, -1, 127, -128, 55}, // mode 0 signed
                {0, -32768, 32767, 12345, -1, 7}, // mode 1
                {0.5, -1e6, 3.25e-3, 42, 1e30, -0.0}, // mode 2
                {0, 65535, 32768, 1, 40000, 7}, // mode 6 unsigned
                {0.5, -2, 65504, Math.scalb(1.0, -24), Math.scalb(1.0, -14), 1.5}, // mode 12: max, subnormal, min normal
        };
        int[] modes = {0, 1, 2, 6, 12};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (int k = 0; k < modes.length; k++) {
                MrcHeader h = MrcTestFiles.header(3, 2, 1, modes[k], order, 2.5);
                Image2D img = MrcReader.read(MrcTestFiles.file(h, valuesPerMode[k], 0), "m" + modes[k], MrcReader.Options.IMAGE).image();
                float[] expect = new float[6];
                for (int i = 0; i < 6; i++) expect[i] = (float) valuesPerMode[k][i];
                assertArrayEquals(expect, img.data, "mode " + modes[k] + " " + order);
                assertEquals(2.5, img.smpdX, 1e-6);
            }
        }
    }

    @Test
    void byteOrderFromPlausibilityWhenStampMissingOrWrong() {
        double[] v = {1, 2, 3, 4, 5, 6};
        for (byte[] stamp : new byte[][] {{0, 0, 0, 0}, {0x44, 0x44, 0, 0}, {0x20, 0x20, 0x20, 0x20}}) {
            MrcHeader h = MrcTestFiles.header(3, 2, 1, 2, ByteOrder.BIG_ENDIAN, 1.0);
            h.setBytes(Field.MACHST, stamp);
            h.setBytes(Field.MAP, new byte[] {'M', 'A', 'P', 0}); // MAP\0 tolerated
            Image2D img = MrcReader.read(MrcTestFiles.file(h, v, 0), "odd", MrcReader.Options.IMAGE).image();
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, img.data);
            assertEquals(3, img.nx);
        }
        MrcHeader noMap = MrcTestFiles.header(3, 2, 1, 2, ByteOrder.LITTLE_ENDIAN, 1.0);
        noMap.setBytes(Field.MAP, new byte[0]);
        assertEquals(3, MrcReader.read(MrcTestFiles.file(noMap, v, 0), "nomap", MrcReader.Options.IMAGE).image().nx);
        assertTrue(MrcValidator.problems(MrcReader.read(MrcTestFiles.file(noMap, v, 0), "nomap", MrcReader.Options.HEADER).header()).contains("map field is not 'MAP '"));
    }

    @Test
    void extendedHeaderIsSkipped() {
        MrcHeader h = MrcTestFiles.header(2, 2, 1, 1, ByteOrder.LITTLE_ENDIAN, 1.0);
        h.setInt(Field.NSYMBT, 300);
        byte[] f = MrcTestFiles.file(h, new double[] {9, 8, 7, 6}, 300);
        Arrays.fill(f, 1024, 1324, (byte) 0x7F);
        assertArrayEquals(new float[] {9, 8, 7, 6}, MrcReader.read(f, "ext", MrcReader.Options.IMAGE).image().data);
    }

    @Test
    void pixelSizeFromHeaderPerAxisMissingOrOverridden() {
        MrcHeader h = MrcTestFiles.header(4, 2, 1, 2, ByteOrder.LITTLE_ENDIAN, 1.0);
        h.setFloat(Field.CELLA_X, 6f).setFloat(Field.CELLA_Y, 5f);
        Image2D img = MrcReader.read(MrcTestFiles.file(h, new double[8], 0), "px", MrcReader.Options.IMAGE).image();
        assertEquals(1.5, img.smpdX, 1e-9);
        assertEquals(2.5, img.smpdY, 1e-9);

        h.setFloat(Field.CELLA_X, 0f);
        byte[] none = MrcTestFiles.file(h, new double[8], 0);
        assertNull(MrcReader.read(none, "none", MrcReader.Options.HEADER).header().pixelSizeX());
        InputFormatException e = assertThrows(InputFormatException.class, () -> MrcReader.read(none, "none.mrc", MrcReader.Options.IMAGE).image());
        assertTrue(e.getMessage().startsWith("none.mrc: no pixel size"), e.getMessage());
        Image2D over = MrcReader.read(none, "none", MrcReader.Options.pixelSize(3.0)).image();
        assertEquals(3.0, over.smpdX);
        assertEquals(3.0, over.smpdY);

        h.setFloat(Field.CELLA_X, Float.NaN);
        assertNull(MrcReader.read(MrcTestFiles.file(h, new double[8], 0), "nan", MrcReader.Options.HEADER).header().pixelSizeX());
        h.setFloat(Field.CELLA_X, 4f).setInt(Field.MX, 0);
        assertNull(MrcReader.read(MrcTestFiles.file(h, new double[8], 0), "mx0", MrcReader.Options.HEADER).header().pixelSizeX());
    }

    @Test
    void malformedFilesGiveClearErrorsNamingTheFile() {
        byte[] ok = MrcTestFiles.file(MrcTestFiles.header(4, 4, 1, 2, ByteOrder.LITTLE_ENDIAN, 1.0), new double[16], 0);
        InputFormatException t = assertThrows(InputFormatException.class,
                () -> MrcReader.read(Arrays.copyOf(ok, ok.length - 3), "cut.mrc", MrcReader.Options.IMAGE).image());
        assertTrue(t.getMessage().contains("cut.mrc") && t.getMessage().contains("truncated") && t.getMessage().contains("61 of 64"), t.getMessage());
        InputFormatException th = assertThrows(InputFormatException.class,
                () -> MrcReader.read(Arrays.copyOf(ok, 500), "short.mrc", MrcReader.Options.IMAGE).image());
        assertTrue(th.getMessage().contains("500 of the 1024 header bytes"), th.getMessage());

        byte[] stack = MrcTestFiles.file(MrcTestFiles.header(4, 4, 3, 2, ByteOrder.LITTLE_ENDIAN, 1.0), new double[48], 0);
        InputFormatException s = assertThrows(InputFormatException.class, () -> MrcReader.read(stack, "stack.mrc", MrcReader.Options.IMAGE).image());
        assertTrue(s.getMessage().contains("3 sections"), s.getMessage());

        byte[] mode4 = MrcTestFiles.file(MrcTestFiles.header(4, 4, 1, 4, ByteOrder.LITTLE_ENDIAN, 1.0), new double[16], 0);
        InputFormatException m = assertThrows(InputFormatException.class, () -> MrcReader.read(mode4, "cplx.mrc", MrcReader.Options.IMAGE).image());
        assertTrue(m.getMessage().contains("unsupported MRC mode 4"), m.getMessage());

        MrcHeader neg = MrcTestFiles.header(4, 4, 1, 2, ByteOrder.LITTLE_ENDIAN, 1.0);
        neg.setInt(Field.NX, -4);
        InputFormatException n = assertThrows(InputFormatException.class,
                () -> MrcReader.read(MrcTestFiles.file(neg, new double[16], 0), "neg.mrc", MrcReader.Options.IMAGE).image());
        assertTrue(n.getMessage().contains("dimensions must be positive"), n.getMessage());
        MrcHeader zero = MrcTestFiles.header(4, 4, 1, 2, ByteOrder.LITTLE_ENDIAN, 1.0);
        zero.setInt(Field.NY, 0);
        assertThrows(InputFormatException.class, () -> MrcReader.read(MrcTestFiles.file(zero, new double[16], 0), "zero.mrc", MrcReader.Options.IMAGE).image());
    }

    @Test
    void realApoferritinFloat32() throws Exception {
        String f = MrcTestFiles.micrographs() + "/empiar10146_apoferritin/May08_03.13.02.bin_avg.mrc";
        MrcHeader h = MrcReader.read(f, conf, MrcReader.Options.HEADER).header();
        assertEquals(MrcHeader.Mode.FLOAT32, h.mode());
        assertEquals(1.5, h.pixelSizeX(), 1e-6);
        Image2D img = MrcReader.read(f, conf, MrcReader.Options.IMAGE).image();
        assertEquals(1240, img.nx);
        assertEquals(1200, img.ny);
        assertEquals(1.5, img.smpdX, 1e-6);
        assertEquals(1.5, img.smpdY, 1e-6);
        double[] st = stats(img);
        assertEquals(h.getFloat(Field.DMIN), st[0]);
        assertEquals(h.getFloat(Field.DMAX), st[1]);
        assertEquals(h.getFloat(Field.DMEAN), st[2], 0.01);
    }

    @Test
    void realRibosomeInt16() throws Exception {
        String f = MrcTestFiles.micrographs() + "/empiar10028_80S_ribosome/311_10028.mrc";
        Image2D img = MrcReader.read(f, conf, MrcReader.Options.IMAGE).image();
        assertEquals(1024, img.nx);
        assertEquals(1024, img.ny);
        assertEquals(5.36, img.smpdX); // shortest decimal of the float cell / mx
        assertEquals(MrcHeader.Mode.INT16, MrcReader.read(f, conf, MrcReader.Options.HEADER).header().mode());
        double[] st = stats(img);
        assertEquals(27, st[0]);
        assertEquals(160, st[1]);
        assertEquals(94.6733, st[2], 1e-3);
        Image2D over = MrcReader.read(f, conf, MrcReader.Options.pixelSize(1.34)).image();
        assertEquals(1.34, over.smpdX);
        assertArrayEquals(img.data, over.data);
    }

    @Test
    void realUcsfNonStandardHeaderIsReadPermissively() throws Exception {
        String f = MrcTestFiles.micrographs() + "/micrograph_cleaner_test/Ucsf_stack_1142_DW.mrc";
        MrcHeader h = MrcReader.read(f, conf, MrcReader.Options.HEADER).header();
        // What the header really says: a placeholder cell of 1 Å/px, no version, ten empty labels, no statistics.
        assertEquals(959, h.nx());
        assertEquals(927, h.ny());
        assertEquals(2, h.modeCode());
        assertEquals(ByteOrder.LITTLE_ENDIAN, h.order());
        assertArrayEquals(new byte[] {0x44, 0x41, 0, 0}, h.getBytes(Field.MACHST));
        assertEquals(0, h.nversion());
        assertEquals(10, h.getInt(Field.NLABL));
        assertEquals("", h.label(0));
        assertEquals(0f, h.getFloat(Field.DMAX));
        assertEquals(1.0, h.pixelSizeX());
        assertEquals(1.0, h.pixelSizeY());
        assertTrue(MrcValidator.problems(h).contains("nversion is 0, not 20140"), MrcValidator.problems(h).toString());
        assertTrue(MrcValidator.problems(h).contains("nlabl is 10 but label 1 is empty"));
        assertTrue(MrcValidator.problems(h).contains("density statistics dmin/dmax/dmean/rms not filled in"));
        Image2D img = MrcReader.read(f, conf, MrcReader.Options.IMAGE).image();
        double[] st = stats(img);
        assertEquals(6768.2, st[0], 0.01);
        assertEquals(6822.0, st[1], 0.01);
        assertEquals(6802.13, st[2], 0.01);
    }

    @Test
    void fileRoundTripAndReadingA4096SquareFloat32IsFast(@TempDir Path dir) throws Exception {
        Image2D big = ramp(4096, 4096, 1.0, 1.0);
        String f = dir.resolve("sub/big.mrc").toString();
        MrcWriter.write(big, f, conf);
        assertFalse(Files.exists(dir.resolve("sub/.big.mrc.crc")), "no CRC side file");
        MrcReader.read(f, conf, MrcReader.Options.IMAGE).image(); // warm-up
        long t0 = System.nanoTime();
        Image2D back = MrcReader.read(f, conf, MrcReader.Options.IMAGE).image();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("MRC read 4096^2 float32: %.3f s%n", secs);
        assertArrayEquals(big.data, back.data);
        assertTrue(secs < 1.0, "read took " + secs + " s");
    }

    private static double[] stats(Image2D img) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
        for (float v : img.data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        return new double[] {min, max, sum / img.size()};
    }

    @Test
    void theCallersHeaderCheckRunsOnTheParsedHeaderBeforeAnyPixelIsRead(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MrcWriter.write(ramp(9, 4, 1.5, 1.5), out, MrcHeader.Mode.FLOAT32);
        byte[] whole = out.toByteArray();
        Path ok = dir.resolve("ok.mrc"), cut = dir.resolve("cut.mrc");
        Files.write(ok, whole);
        Files.write(cut, Arrays.copyOf(whole, 1024 + 10)); // header intact, pixels cut short

        int[] seen = new int[2];
        Image2D img = MrcReader.read(ok.toString(), conf, MrcReader.Options.pixelSize(2.0).checkingHeader(h -> {
            seen[0] = h.nx();
            seen[1] = h.ny();
        })).image();
        assertArrayEquals(new int[] {9, 4}, seen);
        assertEquals(2.0, img.smpdX);

        // the check's verdict wins over the truncation that reading the pixels would have found
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MrcReader.read(cut.toString(), conf, MrcReader.Options.IMAGE.checkingHeader(h -> {
            throw new IllegalArgumentException("rejected " + h.nx() + " x " + h.ny());
        })).image());
        assertEquals("rejected 9 x 4", e.getMessage());
        InputFormatException t = assertThrows(InputFormatException.class, () -> MrcReader.read(cut.toString(), conf, MrcReader.Options.IMAGE.checkingHeader(h -> { })).image());
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
        assertTrue(t.getMessage().contains("cut.mrc"), t.getMessage());
    }
}
