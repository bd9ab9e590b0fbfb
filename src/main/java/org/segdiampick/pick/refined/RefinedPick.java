package org.segdiampick.pick.refined;

import org.segdiampick.pick.Pick;

import java.io.Serializable;

/**
 * One refined pick: the particle centre in raw-micrograph pixels (0-based, x = column, y = row in file order) and
 * its figure of merit, the robust z-score of the blob response (written as {@code _rlnAutopickFigureOfMerit}, so a
 * user can re-threshold later).
 */
public record RefinedPick(int x, int y, double figureOfMerit) implements Serializable {

    /** As a {@link Pick} carrying {@code diameterA} (for box files, which record a diameter per particle). */
    public Pick toPick(double diameterA) {
        return new Pick(diameterA, x, y);
    }
}
