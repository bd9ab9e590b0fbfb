package org.segdiampick.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 1024-byte MRC2014 main header (https://www.ccpem.ac.uk/mrc_format/mrc2014.php).
 *
 * <p>The fields are declared once, in {@link Field} (name, byte offset, type), as Python's mrcfile does;
 * every reader, writer and check goes through that table. The header keeps its raw bytes and byte order, so
 * fields this project does not interpret survive unchanged. As in mrcfile, the header (this class), decoding a
 * stream ({@link MrcReader}: byte order, readability) and strict validation ({@link MrcValidator}) are apart.
 */
public final class MrcHeader {
    public static final int SIZE = 1024;
    public static final int NVERSION_2014 = 20140;
    public static final int LABEL_LENGTH = 80;
    public static final int MAX_LABELS = 10;
    /** No detector or tomogram has more than 2^20 pixels along an axis: beyond that the header is garbage. */
    static final int MAX_DIM = 1 << 20;
    /** Header pixel sizes that MRC writers leave when the pixel size is not known, Å (besides none at all). */
    static final double UNSET_PIXEL_SIZE = 1.0;

    public enum Type { INT32, FLOAT32, BYTES }

    /** The main header fields of MRC2014, in file order. */
    public enum Field {
        NX(0, Type.INT32), NY(4, Type.INT32), NZ(8, Type.INT32), MODE(12, Type.INT32),
        NXSTART(16, Type.INT32), NYSTART(20, Type.INT32), NZSTART(24, Type.INT32),
        MX(28, Type.INT32), MY(32, Type.INT32), MZ(36, Type.INT32),
        CELLA_X(40, Type.FLOAT32), CELLA_Y(44, Type.FLOAT32), CELLA_Z(48, Type.FLOAT32),
        CELLB_ALPHA(52, Type.FLOAT32), CELLB_BETA(56, Type.FLOAT32), CELLB_GAMMA(60, Type.FLOAT32),
        MAPC(64, Type.INT32), MAPR(68, Type.INT32), MAPS(72, Type.INT32),
        DMIN(76, Type.FLOAT32), DMAX(80, Type.FLOAT32), DMEAN(84, Type.FLOAT32),
        ISPG(88, Type.INT32), NSYMBT(92, Type.INT32),
        EXTRA1(96, Type.BYTES, 8), EXTTYP(104, Type.BYTES, 4), NVERSION(108, Type.INT32),
        EXTRA2(112, Type.BYTES, 84),
        ORIGIN_X(196, Type.FLOAT32), ORIGIN_Y(200, Type.FLOAT32), ORIGIN_Z(204, Type.FLOAT32),
        MAP(208, Type.BYTES, 4), MACHST(212, Type.BYTES, 4), RMS(216, Type.FLOAT32), NLABL(220, Type.INT32),
        LABEL(224, Type.BYTES, MAX_LABELS * LABEL_LENGTH);

        public final int offset;
        public final Type type;
        public final int length;

        Field(int offset, Type type) {
            this(offset, type, 4);
        }

        Field(int offset, Type type, int length) {
            this.offset = offset;
            this.type = type;
            this.length = length;
        }
    }

    /** Data modes: the code in the header, bytes per value, and whether this project reads/writes it. */
    public enum Mode {
        /** Signed 8-bit integers (MRC2014 made mode 0 signed). */
        INT8(0, 1),
        INT16(1, 2),
        FLOAT32(2, 4),
        UINT16(6, 2),
        FLOAT16(12, 2);

        public final int code;
        public final int bytesPerValue;

        Mode(int code, int bytesPerValue) {
            this.code = code;
            this.bytesPerValue = bytesPerValue;
        }

        /** The mode with this header code, or null if this project cannot read it. */
        public static Mode ofCode(int code) {
            for (Mode m : values()) if (m.code == code) return m;
            return null;
        }
    }

    private final byte[] raw;
    private final ByteOrder order;
    private final ByteBuffer buf;

    /** Wraps 1024 header bytes read in the given byte order (the array is copied). */
    public MrcHeader(byte[] bytes, ByteOrder order) {
        if (bytes.length < SIZE) throw new IllegalArgumentException("an MRC header has " + SIZE + " bytes, not " + bytes.length);
        this.raw = Arrays.copyOf(bytes, SIZE);
        this.order = order;
        this.buf = ByteBuffer.wrap(raw).order(order);
    }

    /** An all-zero little-endian header, to be filled by a writer. */
    public static MrcHeader blank() {
        return new MrcHeader(new byte[SIZE], ByteOrder.LITTLE_ENDIAN);
    }

    public ByteOrder order() {
        return order;
    }

    /** A copy of the 1024 raw bytes. */
    public byte[] toBytes() {
        return raw.clone();
    }

    public int getInt(Field f) {
        require(f, Type.INT32);
        return buf.getInt(f.offset);
    }

    public float getFloat(Field f) {
        require(f, Type.FLOAT32);
        return buf.getFloat(f.offset);
    }

    public byte[] getBytes(Field f) {
        return Arrays.copyOfRange(raw, f.offset, f.offset + f.length);
    }

    public MrcHeader setInt(Field f, int v) {
        require(f, Type.INT32);
        buf.putInt(f.offset, v);
        return this;
    }

    public MrcHeader setFloat(Field f, float v) {
        require(f, Type.FLOAT32);
        buf.putFloat(f.offset, v);
        return this;
    }

    /** Sets a byte field; shorter content is padded with zero bytes. */
    public MrcHeader setBytes(Field f, byte[] v) {
        if (v.length > f.length) throw new IllegalArgumentException(f + " holds " + f.length + " bytes, not " + v.length);
        Arrays.fill(raw, f.offset, f.offset + f.length, (byte) 0);
        System.arraycopy(v, 0, raw, f.offset, v.length);
        return this;
    }

    private static void require(Field f, Type t) {
        if (f.type != t) throw new IllegalArgumentException(f + " is " + f.type + ", not " + t);
    }

    public int nx() {
        return getInt(Field.NX);
    }

    public int ny() {
        return getInt(Field.NY);
    }

    public int nz() {
        return getInt(Field.NZ);
    }

    public int modeCode() {
        return getInt(Field.MODE);
    }

    /** The data mode, or null for a mode this project cannot read. */
    public Mode mode() {
        return Mode.ofCode(modeCode());
    }

    public int nsymbt() {
        return getInt(Field.NSYMBT);
    }

    public int nversion() {
        return getInt(Field.NVERSION);
    }

    /** Label {@code i} (0-based) with trailing blanks and NULs removed. */
    public String label(int i) {
        int off = Field.LABEL.offset + i * LABEL_LENGTH;
        String s = new String(raw, off, LABEL_LENGTH, StandardCharsets.US_ASCII);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) end--;
        return s.substring(0, end);
    }

    /** Pixel size along x, cella.x / mx, in Å; null when the header has none (0, negative or not finite). */
    public Double pixelSizeX() {
        return pixelSize(getFloat(Field.CELLA_X), getInt(Field.MX));
    }

    /** Pixel size along y, cella.y / my, in Å; null when the header has none. */
    public Double pixelSizeY() {
        return pixelSize(getFloat(Field.CELLA_Y), getInt(Field.MY));
    }

    private static Double pixelSize(float cell, int m) {
        if (m <= 0 || !Float.isFinite(cell) || cell <= 0) return null;
        // The cell is single precision; the shortest decimal of the float quotient gives 5.36 for a
        // 5.36 Å header rather than 5.360000133514404, so project files show the value that was meant.
        double s = Double.parseDouble(Float.toString(cell / m));
        // Below 1e-3 Å or above 1e4 Å per pixel the header cannot be describing a micrograph.
        return s >= 1e-3 && s <= 1e4 ? s : null;
    }

    /**
     * The pixel size the header states, Å: {@link #pixelSizeX()} unless it is absent, 0 or 1.0, the usual "not set"
     * values of MRC writers (the micrograph admission rule {@link MicrographAdmission} compares only a stated one).
     */
    public Double statedPixelSize() {
        Double s = pixelSizeX();
        return s != null && s > 0 && Math.abs(s - UNSET_PIXEL_SIZE) > 1e-6 ? s : null;
    }

    /** Number of data bytes of the whole map (nx·ny·nz values of the mode's size). */
    public long dataBytes() {
        Mode m = mode();
        return (long) nx() * ny() * nz() * (m == null ? 0 : m.bytesPerValue);
    }

    @Override
    public String toString() {
        return "MrcHeader[" + nx() + " x " + ny() + " x " + nz() + ", mode " + modeCode() + ", " + order
                + ", smpd " + pixelSizeX() + "]";
    }
}
