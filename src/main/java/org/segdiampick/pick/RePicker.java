package org.segdiampick.pick;

import org.segdiampick.binary.BinaryImage;
import org.segdiampick.binary.ConnectedComponents;

import java.util.ArrayList;
import java.util.List;

/**
 * Pass 2, SIMPLE's {@code pick_2} (algorithm §7.8; policy stage 6): the binary image saved by pass 1 is
 * labelled again and a component is kept iff its corrected diameter {@code d + 8} lies in the accepted
 * bounds {@code [diamMin, diamMax]} of the threshold-selected statistics.
 *
 * <p>Diameters are measured on the same {@link ShrinkGeometry} as in pass 1 (decisions B-14), so a component
 * gets exactly its pass-1 diameter and centre; the stored diameter is the uncorrected {@code d} (B-12).
 */
public final class RePicker {

    /**
     * Half-width of the gate's tolerance, Å. Bounds imported from a decision file or computed from diameters
     * read back from a text file carry a rounding error of the last printed digit; without the tolerance the
     * particle that defines a bound could fall just outside it (the problem B-14 describes for SIMPLE).
     */
    public static final double GATE_TOLERANCE = 1e-3;

    private RePicker() {
    }

    public static List<Pick> repick(BinaryImage bin, ShrinkGeometry geo, double diamMin, double diamMax) {
        if (bin.nx != geo.nx() || bin.ny != geo.ny())
            throw new IllegalArgumentException("binary image is " + bin.nx + " x " + bin.ny
                    + " but the micrograph's shrunken grid is " + geo.nx() + " x " + geo.ny());
        ConnectedComponents cc = ConnectedComponents.label(bin);
        double[] diam = cc.diameters(geo.smpdX(), geo.smpdY());
        List<Pick> picks = new ArrayList<>();
        for (int label = 1; label <= cc.count(); label++) {
            if (!inGate(diam[label], diamMin, diamMax)) continue;
            picks.add(new Pick(diam[label], geo.rawX(cc.centroidX(label)), geo.rawY(cc.centroidY(label))));
        }
        return picks;
    }

    /** The gate of pass 2: the corrected diameter {@code d + 8} lies in {@code [diamMin, diamMax]} (with the tolerance). */
    public static boolean inGate(double pickTimeDiameter, double diamMin, double diamMax) {
        double corrected = pickTimeDiameter + SegmentationPicker.EROSION_CORRECTION;
        return corrected >= diamMin - GATE_TOLERANCE && corrected <= diamMax + GATE_TOLERANCE;
    }
}
