package org.segdiampick.pick;

import org.segdiampick.binary.BinaryImage;
import org.segdiampick.binary.ConnectedComponents;

import java.util.List;

/**
 * Pass 2, SIMPLE's {@code pick_2} (algorithm §7.8; policy stage 6): the binary image saved by pass 1 is
 * labelled again and a component is kept iff its corrected diameter {@code d + 8} lies in the accepted
 * bounds {@code [diamMin, diamMax]} of the threshold-selected statistics ({@link SizeGate#pass2}).
 *
 * <p>Diameters are measured on the same {@link ShrinkGeometry} as in pass 1 (decisions B-14), so a component
 * gets exactly its pass-1 diameter and centre; the stored diameter is the uncorrected {@code d} (B-12).
 */
public final class RePicker {

    private RePicker() {
    }

    public static List<Pick> repick(BinaryImage bin, ShrinkGeometry geo, double diamMin, double diamMax) {
        if (bin.nx != geo.nx() || bin.ny != geo.ny())
            throw new IllegalArgumentException("binary image is " + bin.nx + " x " + bin.ny
                    + " but the micrograph's shrunken grid is " + geo.nx() + " x " + geo.ny());
        ConnectedComponents cc = ConnectedComponents.label(bin);
        return SizeGate.pass2(diamMin, diamMax).select(cc, cc.regions(geo.smpdX(), geo.smpdY()).diameters(), geo).picks();
    }
}
