package org.segdiampick.io;

import org.segdiampick.image.Image2D;

/**
 * What {@link MrcReader#read} returns: the header and, unless only the header was asked for, the image.
 *
 * @param header the 1024-byte main header, in the byte order the file was written in
 * @param image  the 2-D image with its pixel size; {@code null} when read with {@link MrcReader.Options#headerOnly}
 */
public record MrcFile(MrcHeader header, Image2D image) {
}
