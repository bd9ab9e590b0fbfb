package org.segdiampick.io;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict MRC2014 validation of a header, apart from reading as in mrcfile ({@code validator.py}): the reader
 * accepts whatever it can decode; this lists every deviation from the standard, for tests and diagnostics.
 */
public final class MrcValidator {
    private MrcValidator() {
    }

    /** Deviations from strict MRC2014, one sentence each; empty for a conforming header. */
    public static List<String> problems(MrcHeader h) {
        List<String> p = new ArrayList<>();
        if (h.nx() <= 0 || h.ny() <= 0 || h.nz() <= 0) p.add("non-positive dimensions");
        if (h.mode() == null) p.add("mode " + h.modeCode() + " is not a readable MRC2014 mode");
        if (!Arrays.equals(h.getBytes(MrcHeader.Field.MAP), "MAP ".getBytes(StandardCharsets.US_ASCII)))
            p.add("map field is not 'MAP '");
        byte[] st = h.getBytes(MrcHeader.Field.MACHST);
        boolean le = (st[0] == 0x44 || st[0] == 0x41) && st[1] == 0x44 && h.order() == ByteOrder.LITTLE_ENDIAN;
        boolean be = st[0] == 0x11 && st[1] == 0x11 && h.order() == ByteOrder.BIG_ENDIAN;
        if (!le && !be) p.add("machine stamp does not match the byte order");
        if (h.nversion() != MrcHeader.NVERSION_2014) p.add("nversion is " + h.nversion() + ", not " + MrcHeader.NVERSION_2014);
        int nlabl = h.getInt(MrcHeader.Field.NLABL);
        if (nlabl < 0 || nlabl > MrcHeader.MAX_LABELS) p.add("nlabl " + nlabl + " out of 0.." + MrcHeader.MAX_LABELS);
        else for (int i = 0; i < nlabl; i++) if (h.label(i).isEmpty()) {
            p.add("nlabl is " + nlabl + " but label " + (i + 1) + " is empty");
            break;
        }
        if (h.getInt(MrcHeader.Field.MAPC) != 1 || h.getInt(MrcHeader.Field.MAPR) != 2 || h.getInt(MrcHeader.Field.MAPS) != 3)
            p.add("axis order mapc/mapr/maps is not 1 2 3");
        float dmin = h.getFloat(MrcHeader.Field.DMIN), dmax = h.getFloat(MrcHeader.Field.DMAX);
        if (!(dmax >= dmin) || (dmin == 0 && dmax == 0 && h.getFloat(MrcHeader.Field.DMEAN) == 0 && h.getFloat(MrcHeader.Field.RMS) == 0))
            p.add("density statistics dmin/dmax/dmean/rms not filled in");
        if (h.pixelSizeX() == null) p.add("no pixel size (cella.x / mx)");
        return p;
    }
}
