package org.segdiampick.job;

import org.segdiampick.estimate.Clustering;
import org.segdiampick.pick.Contrast;

/**
 * Options of {@code run}.
 *
 * @param decisionFile      a previous summary.json whose bounds, box and mask are applied (skips estimation); with
 *                          the refined picker also its learned size and threshold (skips pass 1)
 * @param keepIntermediates also write pass 1's density, topology and binary images under OUT/work
 * @param overwrite         write into an OUT that holds another batch's outputs or files segdiampick did not write
 * @param picker            which picker writes the final picks
 * @param threshold         the refined picker's minimum figure of merit instead of the learned one (null: learned)
 */
public record RunOptions(String project, String out, Integer micTo, Clustering clustering, Contrast contrast,
                         double moldiamMax, boolean failFast, double maxFailedFraction, String decisionFile,
                         boolean keepIntermediates, boolean overwrite, Picker picker, Double threshold)
        implements BatchOptions {

    public RunOptions {
        if (picker == null) picker = Picker.SEGMENTATION;
    }

    /** The policy's run (segmentation picker). */
    public RunOptions(String project, String out, Integer micTo, Clustering clustering, Contrast contrast,
                      double moldiamMax, boolean failFast, double maxFailedFraction, String decisionFile,
                      boolean keepIntermediates, boolean overwrite) {
        this(project, out, micTo, clustering, contrast, moldiamMax, failFast, maxFailedFraction, decisionFile,
                keepIntermediates, overwrite, Picker.SEGMENTATION, null);
    }

    public boolean refined() {
        return picker == Picker.REFINED;
    }

    /** The same options for another project and output folder. */
    public RunOptions at(String project, String out) {
        return new RunOptions(project, out, micTo, clustering, contrast, moldiamMax, failFast, maxFailedFraction, decisionFile,
                keepIntermediates, overwrite, picker, threshold);
    }
}
