package org.segdiampick.pick;

import java.io.Serializable;

/**
 * One picked particle: its pick-time diameter in Å (uncorrected, as the segmentation measures it,
 * decisions.md B-12) and its centre in raw-micrograph pixels (0-based, x = column, y = row in file order).
 */
public record Pick(double diameter, int x, int y) implements Serializable {
}
