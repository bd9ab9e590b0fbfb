package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.image.Image2D;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.segdiampick.io.MrcHeader.Field;

/**
 * Writes strict MRC2014 2-D images, little-endian: mode 2 (float32, SIMPLE's standard output, algorithm
 * §9.5) or mode 0 (signed int8, for 0/1 binary images). The header carries the pixel size per axis
 * (cella = n·smpd), the density statistics, nversion 20140 and one label "segdiampick".
 */
public final class MrcWriter {
    public static final String LABEL = "segdiampick";
    private static final int CHUNK = 1 << 20;

    private MrcWriter() {
    }

    /** Writes {@code img} as mode 2 (float32) to a file (replaced if it exists). */
    public static void write(Image2D img, String path, Configuration conf) throws IOException {
        write(img, path, conf, MrcHeader.Mode.FLOAT32);
    }

    public static void write(Image2D img, String path, Configuration conf, MrcHeader.Mode mode) throws IOException {
        try (OutputStream out = Storage.create(path, conf)) {
            write(img, out, mode);
        } catch (IOException e) {
            throw new IOException(path + ": writing MRC failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes header and data to {@code out} (not closed). For mode 0 every value must round (half away from
     * zero) into −128..127; anything else is refused rather than clipped, so a written binary image is exact.
     */
    public static void write(Image2D img, OutputStream out, MrcHeader.Mode mode) throws IOException {
        if (mode != MrcHeader.Mode.FLOAT32 && mode != MrcHeader.Mode.INT8)
            throw new IllegalArgumentException("the writer produces mode 2 (float32) or mode 0 (int8), not " + mode);
        byte[] int8 = mode == MrcHeader.Mode.INT8 ? toInt8(img.data) : null;
        out.write(header(img, mode, int8).toBytes());
        if (int8 != null) {
            out.write(int8);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        float[] d = img.data;
        int perChunk = CHUNK / 4;
        for (int start = 0; start < d.length; start += perChunk) {
            int len = Math.min(perChunk, d.length - start);
            b.clear();
            b.asFloatBuffer().put(d, start, len);
            out.write(b.array(), 0, len * 4);
        }
    }

    static MrcHeader header(Image2D img, MrcHeader.Mode mode, byte[] int8) {
        MrcHeader h = MrcHeader.blank();
        h.setInt(Field.NX, img.nx).setInt(Field.NY, img.ny).setInt(Field.NZ, 1).setInt(Field.MODE, mode.code);
        h.setInt(Field.MX, img.nx).setInt(Field.MY, img.ny).setInt(Field.MZ, 1);
        h.setFloat(Field.CELLA_X, (float) (img.nx * img.smpdX))
                .setFloat(Field.CELLA_Y, (float) (img.ny * img.smpdY))
                .setFloat(Field.CELLA_Z, (float) img.smpdX);
        h.setFloat(Field.CELLB_ALPHA, 90f).setFloat(Field.CELLB_BETA, 90f).setFloat(Field.CELLB_GAMMA, 90f);
        h.setInt(Field.MAPC, 1).setInt(Field.MAPR, 2).setInt(Field.MAPS, 3);
        // Statistics of the values as stored (after int8 rounding), in double precision.
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        int n = img.data.length;
        for (int i = 0; i < n; i++) {
            double v = int8 != null ? int8[i] : img.data[i];
            if (v < min) min = v;
            if (v > max) max = v;
            sum += v;
        }
        double mean = sum / n, ss = 0;
        for (int i = 0; i < n; i++) {
            double dv = (int8 != null ? int8[i] : img.data[i]) - mean;
            ss += dv * dv;
        }
        h.setFloat(Field.DMIN, (float) min).setFloat(Field.DMAX, (float) max).setFloat(Field.DMEAN, (float) mean);
        h.setFloat(Field.RMS, (float) Math.sqrt(ss / n));
        h.setInt(Field.ISPG, 0).setInt(Field.NSYMBT, 0).setInt(Field.NVERSION, MrcHeader.NVERSION_2014);
        h.setBytes(Field.MAP, "MAP ".getBytes(StandardCharsets.US_ASCII));
        h.setBytes(Field.MACHST, new byte[] {0x44, 0x44, 0, 0});
        h.setInt(Field.NLABL, 1);
        h.setBytes(Field.LABEL, LABEL.getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    private static byte[] toInt8(float[] d) {
        byte[] out = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            long r = Math.round(Math.abs((double) v));
            r = v < 0 ? -r : r;
            if (!Float.isFinite(v) || r < Byte.MIN_VALUE || r > Byte.MAX_VALUE)
                throw new IllegalArgumentException("value " + v + " at index " + i + " does not fit MRC mode 0 (int8)");
            out[i] = (byte) r;
        }
        return out;
    }
}
