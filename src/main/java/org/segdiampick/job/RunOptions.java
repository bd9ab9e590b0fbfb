package org.segdiampick.job;

import org.segdiampick.estimate.Clustering;
import org.segdiampick.pick.Contrast;

/**
 * Options of {@code run}.
 *
 * @param decisionFile      a previous summary.json whose bounds, box and mask are applied (skips estimation)
 * @param keepIntermediates also write pass 1's density, topology and binary images under OUT/work
 * @param overwrite         write into an OUT that holds another batch's outputs or files segdiampick did not write
 */
public record RunOptions(String project, String out, Integer micTo, Clustering clustering, Contrast contrast,
                         double moldiamMax, boolean failFast, double maxFailedFraction, String decisionFile,
                         boolean keepIntermediates, boolean overwrite) implements BatchOptions {

    /** The same options for another project and output folder. */
    public RunOptions at(String project, String out) {
        return new RunOptions(project, out, micTo, clustering, contrast, moldiamMax, failFast, maxFailedFraction, decisionFile,
                keepIntermediates, overwrite);
    }
}
