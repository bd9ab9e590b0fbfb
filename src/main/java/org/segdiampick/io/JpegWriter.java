package org.segdiampick.io;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * Greyscale baseline JPEG through javax.imageio, for the density thumbnails (algorithm §9.3: one component,
 * quality 92, pixel (x, y) at column x, row y counted from the top). The same pixels always give the same
 * bytes; they are not SIMPLE's bytes, which come from another encoder (stb_image_write).
 */
public final class JpegWriter {
    /** SIMPLE's thumbnail quality (92 %). */
    public static final float DEFAULT_QUALITY = 0.92f;

    private JpegWriter() {
    }

    public static void writeGrey(byte[] pixels, int width, int height, OutputStream out) throws IOException {
        writeGrey(pixels, width, height, DEFAULT_QUALITY, out);
    }

    /** {@code pixels[y * width + x]}, row 0 at the top; {@code out} is not closed. */
    public static void writeGrey(byte[] pixels, int width, int height, float quality, OutputStream out) throws IOException {
        if (width < 1 || height < 1 || (long) width * height != pixels.length)
            throw new IllegalArgumentException("need " + width + " x " + height + " pixels, got " + pixels.length);
        if (!(quality > 0 && quality <= 1)) throw new IllegalArgumentException("quality must be in (0, 1], got " + quality);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, raster, 0, pixels.length);
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        if (!it.hasNext()) throw new IllegalStateException("no JPEG writer in this Java runtime");
        ImageWriter w = it.next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        p.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
        ImageIO.setUseCache(false);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }
}
