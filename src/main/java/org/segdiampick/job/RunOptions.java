package org.segdiampick.job;

import org.segdiampick.estimate.Clustering;
import org.segdiampick.pick.Contrast;

/**
 * Options of {@code run}.
 *
 * @param decisionFile      a previous summary.json whose bounds, box and mask are applied (skips estimation)
 * @param keepIntermediates also write pass 1's density, topology and binary images under OUT/work
 */
public record RunOptions(String project, String out, Integer micTo, Clustering clustering, Contrast contrast,
                         double moldiamMax, boolean failFast, double maxFailedFraction, String decisionFile,
                         boolean keepIntermediates) implements BatchOptions {
}
