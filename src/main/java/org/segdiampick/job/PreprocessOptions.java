package org.segdiampick.job;

import org.segdiampick.pick.Contrast;

/**
 * Options of {@code preprocess} (pass 1 only).
 *
 * @param overwrite write into an OUT that holds another batch's outputs or files segdiampick did not write
 */
public record PreprocessOptions(String project, String out, Integer micTo, Contrast contrast, double moldiamMax,
                                boolean failFast, double maxFailedFraction, boolean overwrite) implements BatchOptions {

    /** The same options for another output folder. */
    public PreprocessOptions at(String out) {
        return new PreprocessOptions(project, out, micTo, contrast, moldiamMax, failFast, maxFailedFraction, overwrite);
    }
}
