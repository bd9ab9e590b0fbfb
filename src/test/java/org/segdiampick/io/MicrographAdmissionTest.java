package org.segdiampick.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class MicrographAdmissionTest {

    private static MrcHeader headerWithPixelSize(double smpd) {
        return MrcTestFiles.header(100, 80, 1, 2, ByteOrder.LITTLE_ENDIAN, smpd);
    }

    @Test
    void headerPixelSizesZeroAndOneAreNotSetAndAdmitAnyProjectPixelSize() {
        assertNull(headerWithPixelSize(0).statedPixelSize());
        assertNull(headerWithPixelSize(1.0).statedPixelSize());
        assertEquals(5.36, headerWithPixelSize(5.36).statedPixelSize(), 1e-6);
        MicrographAdmission.checkHeader("a.mrc", 5.36, headerWithPixelSize(0));
        MicrographAdmission.checkHeader("a.mrc", 5.36, headerWithPixelSize(1.0));
    }

    @Test
    void aStatedPixelSizeMustLieWithinFivePercentOfTheProjects() {
        MicrographAdmission.checkHeader("a.mrc", 1.5, headerWithPixelSize(1.5));
        MicrographAdmission.checkHeader("a.mrc", 1.5, headerWithPixelSize(1.57)); // 4.7 % apart
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MicrographAdmission.checkHeader("b.mrc", 1.5, headerWithPixelSize(1.58))); // 5.3 % apart
        assertEquals("b.mrc: pixel size in the header (1.58 Å) differs from the project's smpd (1.5 Å)", e.getMessage());
    }

    @Test
    void theProjectPixelSizeMustBePositiveAndFinite() {
        MicrographAdmission.checkProjectPixelSize("a.mrc", 0.8);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MicrographAdmission.checkProjectPixelSize("c.mrc", bad));
            assertTrue(e.getMessage().startsWith("c.mrc: no valid pixel size"), e.getMessage());
        }
    }

    @Test
    void headerOnlyReadsNeitherDataNorRequiresAPixelSize() {
        MrcHeader h = headerWithPixelSize(0);
        byte[] headerAlone = h.toBytes(); // no data at all: a full read would report truncation
        MrcFile f = MrcReader.read(headerAlone, "h.mrc", MrcReader.Options.HEADER);
        assertNull(f.image());
        assertEquals(100, f.header().nx());
        assertThrows(InputFormatException.class, () -> MrcReader.read(headerAlone, "h.mrc", MrcReader.Options.pixelSize(2.0)));
        String[] seen = new String[1];
        MrcReader.read(headerAlone, "h.mrc", MrcReader.Options.HEADER.checkingHeader(x -> seen[0] = "checked " + x.ny()));
        assertEquals("checked 80", seen[0]);
    }
}
