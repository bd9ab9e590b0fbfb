package org.segdiampick.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * RELION coordinate STAR files: per micrograph, the particle centres in raw-micrograph pixels
 * ({@code _rlnCoordinateX}, {@code _rlnCoordinateY}; x = column, y = row in file order, 0-based, as the box
 * files); and the index {@code coords.star} pairing each micrograph with its coordinate file
 * ({@code _rlnMicrographName}, {@code _rlnMicrographCoordinates}), which RELION's "Import coordinates" and
 * cryoSPARC read. RELION has no standard diameter column, so none is written. The refined picker's files add
 * {@code _rlnAutopickFigureOfMerit} (as RELION's own autopick writes it), so a user can re-threshold later; the
 * segmentation picker has no figure of merit and its files keep two columns.
 */
public final class CoordinateStar {
    /** One line of the index: a micrograph and its coordinate file. */
    public record IndexEntry(String micrographName, String coordinateFile) {
    }

    private static final String HEADER = "\n# version 30001\n\ndata_\n\nloop_\n_rlnCoordinateX #1\n_rlnCoordinateY #2\n";

    private CoordinateStar() {
    }

    /** Centres as {x, y} pairs in raw pixels, written with six decimals as RELION does. */
    public static void write(List<double[]> centres, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (double[] c : centres) sb.append(String.format(Locale.ROOT, "%12.6f %12.6f\n", c[0], c[1]));
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static final String HEADER_WITH_MERIT = HEADER + "_rlnAutopickFigureOfMerit #3\n";

    /** Centres and figures of merit as {x, y, merit} triples in raw pixels, six decimals each. */
    public static void writeWithMerit(List<double[]> picks, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER_WITH_MERIT);
        for (double[] c : picks) sb.append(String.format(Locale.ROOT, "%12.6f %12.6f %12.6f\n", c[0], c[1], c[2]));
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The index of coordinate files, block {@code data_coordinate_files} as RELION 3.1+/4 writes it. */
    public static void writeIndex(List<IndexEntry> entries, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(
                "\n# version 30001\n\ndata_coordinate_files\n\nloop_\n_rlnMicrographName #1\n_rlnMicrographCoordinates #2\n");
        for (IndexEntry e : entries)
            sb.append(StarFile.quote(e.micrographName())).append(' ').append(StarFile.quote(e.coordinateFile())).append('\n');
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
