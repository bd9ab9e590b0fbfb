package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.image.Image2D;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Reads 2-D MRC images permissively (any byte order, odd machine stamps, a missing {@code MAP } field,
 * extended headers), and rejects with an {@link InputFormatException} naming the file whatever makes the
 * data unreadable: truncation, stacks/volumes, unknown modes, non-positive dimensions, no pixel size.
 *
 * <p>Data are converted in bulk through a {@link ByteBuffer} view, never value by value from the stream.
 */
public final class MrcReader {
    private MrcReader() {
    }

    /** Reads and checks only the 1024-byte main header (a cheap check of a micrograph). */
    public static MrcHeader readHeader(String path, Configuration conf) throws IOException {
        try (InputStream in = Storage.open(path, conf)) {
            MrcHeader h = MrcHeader.parse(in.readNBytes(MrcHeader.SIZE), path);
            h.checkReadable2D(path);
            return h;
        }
    }

    /** The micrograph with the pixel size of its header. */
    public static Image2D read2D(String path, Configuration conf) throws IOException {
        return read2D(path, conf, null);
    }

    /**
     * The micrograph; {@code smpdOverride} (Å/px, both axes) replaces the header's pixel size when not null.
     * Without an override, a header with no pixel size is an error.
     */
    public static Image2D read2D(String path, Configuration conf, Double smpdOverride) throws IOException {
        return read2D(path, conf, smpdOverride, h -> { });
    }

    /**
     * As {@link #read2D(String, Configuration, Double)}, with the caller's own checks of the header run after it is
     * parsed and before any pixel is read (a stack or a wrong pixel size fails without reading gigabytes). One open
     * and one read of the file: on object stores, one request per micrograph instead of a header request and a
     * data request.
     */
    public static Image2D read2D(String path, Configuration conf, Double smpdOverride, Consumer<MrcHeader> headerCheck)
            throws IOException {
        try (InputStream in = Storage.open(path, conf)) {
            return read2D(in, path, smpdOverride, headerCheck);
        }
    }

    /** The same from bytes in memory ({@code source} names them in error messages). */
    public static Image2D read2D(byte[] bytes, String source, Double smpdOverride) {
        try {
            return read2D(new ByteArrayInputStream(bytes), source, smpdOverride, h -> { });
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }

    private static Image2D read2D(InputStream in, String source, Double smpdOverride, Consumer<MrcHeader> headerCheck)
            throws IOException {
        MrcHeader h = MrcHeader.parse(in.readNBytes(MrcHeader.SIZE), source);
        h.checkReadable2D(source);
        headerCheck.accept(h);
        double smpdX, smpdY;
        if (smpdOverride != null) {
            if (!(smpdOverride > 0) || !Double.isFinite(smpdOverride))
                throw new IllegalArgumentException("pixel size override must be positive, got " + smpdOverride);
            smpdX = smpdY = smpdOverride;
        } else {
            Double sx = h.pixelSizeX(), sy = h.pixelSizeY();
            if (sx == null)
                throw new InputFormatException(source, "no pixel size in the MRC header (cella.x / mx = "
                        + h.getFloat(MrcHeader.Field.CELLA_X) + " / " + h.getInt(MrcHeader.Field.MX) + "); give --smpd");
            smpdX = sx;
            // A header with a usable x cell but a broken y cell is read as square pixels.
            smpdY = sy != null ? sy : sx;
        }
        skipExtendedHeader(in, h.nsymbt(), source);
        MrcHeader.Mode mode = h.mode();
        long need = h.dataBytes();
        if (need > Integer.MAX_VALUE - 16)
            throw new InputFormatException(source, "MRC image of " + h.nx() + " x " + h.ny() + " is too large to read");
        byte[] data = in.readNBytes((int) need);
        if (data.length < need)
            throw new InputFormatException(source, "truncated MRC file: " + data.length + " of " + need
                    + " data bytes after the header (" + h.nx() + " x " + h.ny() + ", mode " + mode.code + ")");
        float[] px = decode(data, h.order(), mode, h.nx() * h.ny());
        return new Image2D(h.nx(), h.ny(), smpdX, smpdY, px);
    }

    private static void skipExtendedHeader(InputStream in, int nsymbt, String source) throws IOException {
        long skipped = 0;
        while (skipped < nsymbt) {
            long k = in.skip(nsymbt - skipped);
            if (k <= 0) {
                if (in.read() < 0)
                    throw new InputFormatException(source, "truncated MRC file: extended header of " + nsymbt + " bytes is cut short");
                k = 1;
            }
            skipped += k;
        }
    }

    private static float[] decode(byte[] data, ByteOrder order, MrcHeader.Mode mode, int n) {
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        float[] out = new float[n];
        switch (mode) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case INT8 -> {
                for (int i = 0; i < n; i++) out[i] = data[i];
            }
            case INT16 -> {
                short[] s = new short[n];
                b.asShortBuffer().get(s);
                for (int i = 0; i < n; i++) out[i] = s[i];
            }
            case UINT16 -> {
                short[] s = new short[n];
                b.asShortBuffer().get(s);
                for (int i = 0; i < n; i++) out[i] = s[i] & 0xFFFF;
            }
            case FLOAT16 -> {
                short[] s = new short[n];
                b.asShortBuffer().get(s);
                for (int i = 0; i < n; i++) out[i] = halfToFloat(s[i]);
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to binary32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        if (exp == 0) {
            // zero or subnormal: mant · 2^-24, exact in float
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
