package org.segdiampick.job;

import org.segdiampick.pick.Contrast;

/** Options of {@code preprocess} (pass 1 only). */
public record PreprocessOptions(String project, String out, Integer micTo, Contrast contrast, double moldiamMax,
                                boolean failFast, double maxFailedFraction) implements BatchOptions {
}
