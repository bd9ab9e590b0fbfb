package org.segdiampick.job;

import org.segdiampick.pick.Pick;
import org.segdiampick.pick.SizeGate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The particles of one micrograph as pass 1 measured them, in component-label order, as parallel arrays: three
 * numbers per particle travel to the driver (no pixels) and back to stage 6, which filters them with the
 * accepted bounds instead of reading and labelling the binary image again.
 *
 * @param diameters pick-time (uncorrected) diameters, Å (decisions B-12)
 * @param x         centres, raw-micrograph pixels (0-based column); null when unknown (diameters only)
 * @param y         centres, raw-micrograph pixels (0-based row); null when unknown
 * @param merit     a figure of merit per particle where the picker gives one (higher = better), else null
 */
public record Particles(double[] diameters, int[] x, int[] y, double[] merit) implements Serializable {

    public static final Particles NONE = new Particles(new double[0], new int[0], new int[0], null);

    public Particles {
        if ((x == null) != (y == null) || (x != null && (x.length != diameters.length || y.length != diameters.length))
                || (merit != null && merit.length != diameters.length))
            throw new IllegalArgumentException("particle arrays differ in length");
    }

    /** The segmentation picker's particles (it gives no figure of merit). */
    public static Particles of(List<Pick> picks) {
        int n = picks.size();
        double[] d = new double[n];
        int[] x = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) {
            Pick p = picks.get(i);
            d[i] = p.diameter();
            x[i] = p.x();
            y[i] = p.y();
        }
        return new Particles(d, x, y, null);
    }

    /** Diameters only (imported from a {@code preprocess} diameter file, or as the driver sees them): no centres. */
    public static Particles diametersOnly(double[] diameters) {
        return new Particles(diameters, null, null, null);
    }

    public boolean hasCentres() {
        return x != null;
    }

    public int size() {
        return diameters.length;
    }

    /** Policy stage 6: the particles whose corrected diameter lies in the accepted bounds, in the same order. */
    public List<Pick> within(double diamMin, double diamMax) {
        if (!hasCentres()) throw new IllegalStateException("no particle centres to re-pick from");
        SizeGate gate = SizeGate.pass2(diamMin, diamMax);
        List<Pick> kept = new ArrayList<>();
        for (int i = 0; i < diameters.length; i++)
            if (gate.passes(diameters[i])) kept.add(new Pick(diameters[i], x[i], y[i]));
        return kept;
    }
}
