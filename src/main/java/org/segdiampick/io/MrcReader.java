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
 * One entry point, {@link #read}, as mrcfile's interpreter with its {@code header_only} switch; strict
 * validation is {@link MrcValidator}'s.
 *
 * <p>Data are converted in bulk through a {@link ByteBuffer} view, never value by value from the stream.
 */
public final class MrcReader {

    /**
     * How to read.
     *
     * @param headerOnly  read and check the 1024-byte main header only (a cheap check of a micrograph)
     * @param pixelSize   Å/px for both axes, replacing the header's; {@code null}: the header's, whose absence is
     *                    then an error (not checked with {@code headerOnly})
     * @param headerCheck the caller's own checks, run on the parsed header before any pixel is read (a stack or a
     *                    wrong pixel size fails without reading gigabytes)
     */
    public record Options(boolean headerOnly, Double pixelSize, Consumer<MrcHeader> headerCheck) {
        /** The image with the header's pixel size. */
        public static final Options IMAGE = new Options(false, null, h -> { });
        /** The header alone. */
        public static final Options HEADER = new Options(true, null, h -> { });

        /** The image with this pixel size instead of the header's (null: the header's). */
        public static Options pixelSize(Double smpd) {
            return new Options(false, smpd, h -> { });
        }

        public Options checkingHeader(Consumer<MrcHeader> check) {
            return new Options(headerOnly, pixelSize, check);
        }
    }

    private MrcReader() {
    }

    /**
     * Reads {@code path} (local, HDFS or S3 through {@link Storage}) with one open and one read of the file: on
     * object stores one request per micrograph, the header checks included.
     */
    public static MrcFile read(String path, Configuration conf, Options options) throws IOException {
        try (InputStream in = Storage.open(path, conf)) {
            return read(in, path, options);
        }
    }

    /** The same from bytes in memory ({@code source} names them in error messages). */
    public static MrcFile read(byte[] bytes, String source, Options options) {
        try {
            return read(new ByteArrayInputStream(bytes), source, options);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }

    private static MrcFile read(InputStream in, String source, Options options) throws IOException {
        MrcHeader h = parseHeader(in.readNBytes(MrcHeader.SIZE), source);
        checkReadable2D(h, source);
        options.headerCheck().accept(h);
        if (options.headerOnly()) return new MrcFile(h, null);
        Double smpdOverride = options.pixelSize();
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
        return new MrcFile(h, new Image2D(h.nx(), h.ny(), smpdX, smpdY, px));
    }

    /**
     * Parses a header, choosing its byte order permissively: the machine stamp (bytes 212–215: 0x44 or 0x41
     * first = little-endian, 0x11 = big-endian) decides when the dimensions and mode read plausibly in that
     * order; otherwise (missing or odd stamp, as some writers leave it) the order in which nx, ny, nz and mode
     * are plausible wins. Whether the values can be read is {@link #checkReadable2D}'s job.
     */
    static MrcHeader parseHeader(byte[] bytes, String source) {
        if (bytes.length < MrcHeader.SIZE)
            throw new InputFormatException(source, "truncated MRC file: " + bytes.length + " of the " + MrcHeader.SIZE + " header bytes");
        ByteOrder stamped = switch (bytes[MrcHeader.Field.MACHST.offset]) {
            case 0x44, 0x41 -> ByteOrder.LITTLE_ENDIAN;
            case 0x11 -> ByteOrder.BIG_ENDIAN;
            default -> null;
        };
        if (stamped != null && plausible(bytes, stamped)) return new MrcHeader(bytes, stamped);
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN})
            if (plausible(bytes, o)) return new MrcHeader(bytes, o);
        return new MrcHeader(bytes, stamped != null ? stamped : ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean plausible(byte[] bytes, ByteOrder o) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(o);
        int nx = b.getInt(MrcHeader.Field.NX.offset), ny = b.getInt(MrcHeader.Field.NY.offset), nz = b.getInt(MrcHeader.Field.NZ.offset);
        int mode = b.getInt(MrcHeader.Field.MODE.offset);
        return nx > 0 && ny > 0 && nz > 0 && nx <= MrcHeader.MAX_DIM && ny <= MrcHeader.MAX_DIM && nz <= MrcHeader.MAX_DIM
                && mode >= 0 && mode <= 101;
    }

    /**
     * Throws an {@link InputFormatException} naming {@code source} when the data cannot be read as a
     * 2-D image: dimensions not positive, a stack or volume (nz &gt; 1), an unsupported mode or a negative
     * extended header size.
     */
    static void checkReadable2D(MrcHeader h, String source) {
        if (h.nx() <= 0 || h.ny() <= 0 || h.nz() <= 0)
            throw new InputFormatException(source, "MRC dimensions must be positive, got nx=" + h.nx() + " ny=" + h.ny() + " nz=" + h.nz());
        if (h.nx() > MrcHeader.MAX_DIM || h.ny() > MrcHeader.MAX_DIM || h.nz() > MrcHeader.MAX_DIM)
            throw new InputFormatException(source, "not an MRC image (corrupt header): dimensions " + h.nx() + " x " + h.ny() + " x " + h.nz()
                    + " exceed " + MrcHeader.MAX_DIM);
        if (h.nz() > 1)
            throw new InputFormatException(source, "MRC file holds " + h.nz() + " sections (a stack or volume); a single 2-D micrograph is required");
        if (h.mode() == null)
            throw new InputFormatException(source, "unsupported MRC mode " + h.modeCode() + " (readable: 0 int8, 1 int16, 2 float32, 6 uint16, 12 float16)");
        if (h.nsymbt() < 0) throw new InputFormatException(source, "negative extended header size nsymbt=" + h.nsymbt());
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
