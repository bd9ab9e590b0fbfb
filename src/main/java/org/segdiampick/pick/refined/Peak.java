package org.segdiampick.pick.refined;

import java.io.Serializable;

/** A detection on the working grid: pixel (x, y) and its score (robust z of the detector response). */
public record Peak(int x, int y, double score) implements Serializable {
}
