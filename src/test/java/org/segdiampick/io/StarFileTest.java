package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StarFileTest {
    private final Configuration conf = new Configuration();

    private static String resource(String name) throws Exception {
        return Path.of(StarFileTest.class.getResource("/io/" + name).toURI()).toString();
    }

    private static StarFile parse(String text) throws Exception {
        return StarFile.parse(new StringReader(text), "t.star");
    }

    @Test
    void relion30DetectorPixelAndMagnificationResolveAgainstTheStarFolder() throws Exception {
        String f = resource("relion30_micrographs.star");
        String dir = Path.of(f).getParent().toString();
        List<MicrographStar.Entry> e = MicrographStar.read(f, conf);
        assertEquals(3, e.size());
        assertEquals(dir + "/MotionCorr/job002/Movies/mic_001.mrc", e.get(0).path());
        assertEquals("/abs/data/mic_003.mrc", e.get(2).path());
        // 5 µm / 38168 = 1.30999... Å
        assertEquals(5.0e4 / 38168.0, e.get(0).smpd(), 1e-12);
        assertEquals(1.31, e.get(1).smpd(), 1e-4);
    }

    @Test
    void relion31OpticsGroupsGivePixelSizePerMicrograph() throws Exception {
        String f = resource("relion31_micrographs.star");
        String dir = Path.of(f).getParent().toString();
        List<MicrographStar.Entry> e = MicrographStar.read(f, conf);
        assertEquals(List.of(
                new MicrographStar.Entry(dir + "/MotionCorr/job002/Movies/20170629_00021_frameImage.mrc", 1.77),
                new MicrographStar.Entry(dir + "/MotionCorr/job002/Movies/20170629_00022_frameImage.mrc", 0.885)), e);
    }

    @Test
    void relion30PixelSizeColumnAndQuotedNames() throws Exception {
        String f = resource("relion30_pixelsize.star");
        String dir = Path.of(f).getParent().toString();
        List<MicrographStar.Entry> e = MicrographStar.read(f, conf);
        assertEquals(new MicrographStar.Entry(dir + "/b c.mrc", 1.34), e.get(1));
    }

    @Test
    void noPixelSizeGivesNullAndImagePixelSizeIsTheFallback() throws Exception {
        StarFile s = parse("data_\nloop_\n_rlnMicrographName\nx.mrc\n");
        assertNull(MicrographStar.entries(s, null).get(0).smpd());
        StarFile t = parse("data_optics\nloop_\n_rlnOpticsGroup #1\n_rlnImagePixelSize #2\n1 2.5\n\n"
                + "data_micrographs\nloop_\n_rlnMicrographName #1\n_rlnOpticsGroup #2\nm.mrc 1\n");
        assertEquals(new MicrographStar.Entry("m.mrc", 2.5), MicrographStar.entries(t, null).get(0));
    }

    @Test
    void malformedStarFilesNameTheLine() {
        InputFormatException row = assertThrows(InputFormatException.class,
                () -> parse("data_\nloop_\n_rlnMicrographName #1\n_rlnPixelSize #2\na.mrc 1.0\nb.mrc\n"));
        assertEquals(6, row.line());
        assertTrue(row.getMessage().startsWith("t.star:6: row has 1 values"), row.getMessage());
        assertEquals(2, assertThrows(InputFormatException.class, () -> parse("data_\nloop_ x\n")).line());
        assertEquals(1, assertThrows(InputFormatException.class, () -> parse("abc\n")).line());
        assertEquals(3, assertThrows(InputFormatException.class, () -> parse("data_\n_rlnA 1\n_rlnB 'open\n")).line());
        assertEquals(2, assertThrows(InputFormatException.class, () -> parse("data_\n;text\n")).line());
        InputFormatException px = assertThrows(InputFormatException.class, () -> MicrographStar.entries(
                parse("data_\nloop_\n_rlnMicrographName\n_rlnPixelSize\na.mrc 1\nb.mrc -2\n"), null));
        assertEquals(6, px.line());
        InputFormatException grp = assertThrows(InputFormatException.class, () -> MicrographStar.entries(
                parse("data_optics\nloop_\n_rlnOpticsGroup\n_rlnMicrographPixelSize\n1 1.0\ndata_micrographs\nloop_\n"
                        + "_rlnMicrographName\n_rlnOpticsGroup\na.mrc 1\nb.mrc 7\n"), null));
        assertEquals(11, grp.line());
        assertTrue(grp.getMessage().contains("optics group 7"));
        assertThrows(InputFormatException.class, () -> MicrographStar.entries(parse("data_\nloop_\n_rlnX\n1\n"), null));
    }

    @Test
    void keyValuePairsCommentsAndQuotes() throws Exception {
        StarFile s = parse("# comment\ndata_general\n_rlnImageSizeX 4096 # trailing\n_rlnName \"a b\"\n_rlnQ 'it's'\n"
                + "loop_\n_rlnA #1\n_rlnB #2\n1 '#x'\n2 \"\"\n_rlnAfter 5\n");
        StarFile.Block b = s.block("general");
        assertEquals("4096", b.pair("rlnImageSizeX"));
        assertEquals("a b", b.pair("_rlnName"));
        assertEquals("it's", b.pair("_rlnQ"));
        assertEquals("5", b.pair("_rlnAfter"));
        assertEquals(3, b.pairLine("_rlnImageSizeX"));
        StarFile.Loop l = b.loops().get(0);
        assertEquals(List.of("_rlnA", "_rlnB"), l.labels());
        assertEquals("#x", l.value(0, "_rlnB"));
        assertEquals("", l.value(1, 1));
        assertEquals(10, l.rowLine(1));
    }

    @Test
    void realRelionAutopickCoordinateFile() throws Exception {
        String f = MrcTestFiles.micrographs() + "/micrograph_cleaner_test/Ucsf_stack_1142_DW_autopick.star";
        StarFile s = StarFile.read(f, conf);
        assertEquals(1, s.blocks().size());
        StarFile.Block b = s.block("");
        StarFile.Loop l = b.loops().get(0);
        assertEquals(List.of("_rlnCoordinateX", "_rlnCoordinateY", "_rlnAutopickFigureOfMerit", "_rlnClassNumber", "_rlnAnglePsi"), l.labels());
        assertEquals("839.125024", l.value(0, "_rlnCoordinateX"));
        assertEquals(19.979167, Double.parseDouble(l.value(0, "_rlnCoordinateY")), 1e-9);
        assertEquals("0.469836", l.value(2, "_rlnAutopickFigureOfMerit"));
        assertEquals(11, l.rowLine(0));
        long lines = java.nio.file.Files.readAllLines(Path.of(f)).stream()
                .filter(x -> x.matches("^\\s*[0-9].*")).count();
        assertEquals(lines, l.size());
    }

    @Test
    void coordinateStarAndIndexAreReadableStar() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        CoordinateStar.write(List.of(new double[] {12.5, 3}, new double[] {1000, 2047.25}), o);
        String text = o.toString(StandardCharsets.US_ASCII);
        assertTrue(text.contains("data_\n\nloop_\n_rlnCoordinateX #1\n_rlnCoordinateY #2\n   12.500000     3.000000\n"), text);
        StarFile.Loop l = parse(text).block("").loops().get(0);
        assertEquals(2, l.size());
        assertEquals("2047.250000", l.value(1, "_rlnCoordinateY"));

        ByteArrayOutputStream ix = new ByteArrayOutputStream();
        CoordinateStar.writeIndex(List.of(new CoordinateStar.IndexEntry("/d/a.mrc", "/o/a.star"),
                new CoordinateStar.IndexEntry("/d/b c.mrc", "/o/b c.star")), ix);
        StarFile idx = parse(ix.toString(StandardCharsets.UTF_8));
        StarFile.Loop il = idx.block("coordinate_files").loops().get(0);
        assertEquals(List.of("_rlnMicrographName", "_rlnMicrographCoordinates"), il.labels());
        assertEquals("/d/b c.mrc", il.value(1, 0));
        assertEquals("/o/b c.star", il.value(1, 1));
    }
}
