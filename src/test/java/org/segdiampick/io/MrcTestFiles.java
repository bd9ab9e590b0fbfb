package org.segdiampick.io;

import org.segdiampick.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.segdiampick.io.MrcHeader.Field;

/** A test-side MRC writer for what the production writer refuses: other modes, big-endian, odd headers. */
final class MrcTestFiles {
    private MrcTestFiles() {
    }

    static String micrographs() {
        return SharedData.micrographs().toString();
    }

    /** Header with the given geometry and mode, stamped for {@code order}, cella = n·smpd. */
    static MrcHeader header(int nx, int ny, int nz, int mode, ByteOrder order, double smpd) {
        MrcHeader h = new MrcHeader(new byte[MrcHeader.SIZE], order);
        h.setInt(Field.NX, nx).setInt(Field.NY, ny).setInt(Field.NZ, nz).setInt(Field.MODE, mode);
        h.setInt(Field.MX, nx).setInt(Field.MY, ny).setInt(Field.MZ, nz);
        h.setFloat(Field.CELLA_X, (float) (nx * smpd)).setFloat(Field.CELLA_Y, (float) (ny * smpd))
                .setFloat(Field.CELLA_Z, (float) (nz * smpd));
        h.setInt(Field.MAPC, 1).setInt(Field.MAPR, 2).setInt(Field.MAPS, 3);
        h.setBytes(Field.MAP, "MAP ".getBytes(StandardCharsets.US_ASCII));
        h.setBytes(Field.MACHST, order == ByteOrder.BIG_ENDIAN ? new byte[] {0x11, 0x11, 0, 0} : new byte[] {0x44, 0x44, 0, 0});
        return h;
    }

    /** Header + values encoded in the header's mode and byte order (float16 values must be exact halves). */
    static byte[] file(MrcHeader h, double[] values, int extended) {
        MrcHeader.Mode m = MrcHeader.Mode.ofCode(h.modeCode());
        int bpv = m == null ? 4 : m.bytesPerValue;
        ByteBuffer b = ByteBuffer.allocate(MrcHeader.SIZE + extended + values.length * bpv).order(h.order());
        b.put(h.toBytes());
        b.position(MrcHeader.SIZE + extended);
        for (double v : values) {
            switch (h.modeCode()) {
                case 0 -> b.put((byte) v);
                case 1, 6 -> b.putShort((short) (int) v);
                case 12 -> b.putShort(toHalf((float) v));
                default -> b.putFloat((float) v);
            }
        }
        return b.array();
    }

    /** float to binary16 for values that are exactly representable (normal or subnormal). */
    static short toHalf(float f) {
        if (f == 0) return (short) (Float.floatToIntBits(f) >>> 16 & 0x8000);
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mant = bits & 0x7FFFFF;
        if (exp <= 0) { // subnormal half
            int full = mant | 0x800000;
            return (short) (sign | (full >> (14 - exp)));
        }
        return (short) (sign | (exp << 10) | (mant >> 13));
    }
}
