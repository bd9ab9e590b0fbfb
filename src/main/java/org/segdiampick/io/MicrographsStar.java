package org.segdiampick.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code micrographs.star} in RELION 3.1's layout: an optics block ({@code data_optics}, one group with the
 * micrograph pixel size) and the micrograph list ({@code data_micrographs}). With it and the coordinate files of
 * {@code OUT/coords/}, RELION 3.1 extracts the particles with one command (README "RELION").
 *
 * <p>RELION 3.1 refuses an optics group without voltage and spherical aberration, which segdiampick does not
 * know (a micrograph list carries no microscope). The group therefore holds the usual {@link #VOLTAGE_KV},
 * {@link #CS_MM} and {@link #AMPLITUDE_CONTRAST}, flagged as placeholders in a comment: extraction does not
 * use them (no CTF correction is involved), but a CTF refinement would, so they must be corrected (or the
 * micrographs re-imported in RELION) before one.
 */
public final class MicrographsStar {
    /** RELION's name of the one optics group. */
    public static final String OPTICS_GROUP = "opticsGroup1";
    /** Placeholders RELION requires (see the class comment). */
    public static final double VOLTAGE_KV = 300, CS_MM = 2.7, AMPLITUDE_CONTRAST = 0.1;

    private MicrographsStar() {
    }

    /** @param micrographs names as RELION opens them, relative to the folder RELION runs in, or absolute */
    public static void write(List<String> micrographs, double smpd, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("\n# version 30001\n# written by segdiampick: the pixel size is the run's; voltage, Cs and"
                + " amplitude contrast are placeholders\n# (unknown to segdiampick, unused by particle extraction): correct them before"
                + " any CTF refinement.\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n"
                + "_rlnMicrographPixelSize #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n");
        sb.append(OPTICS_GROUP).append(' ').append(1).append(' ').append(String.format(Locale.ROOT, "%.6f %.1f %.2f %.2f",
                smpd, VOLTAGE_KV, CS_MM, AMPLITUDE_CONTRAST)).append("\n\n");
        sb.append("\n# version 30001\n\ndata_micrographs\n\nloop_\n_rlnMicrographName #1\n_rlnOpticsGroup #2\n");
        for (String m : micrographs) sb.append(StarFile.quote(m)).append(" 1\n");
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
