package org.segdiampick.job;

import org.segdiampick.pick.Contrast;

import java.io.Serializable;

/**
 * Settings of pass 1 that every executor needs.
 *
 * @param preprocess true for {@code preprocess} (images and a diameter file directly under OUT, as SIMPLE's
 *                   outdir), false for {@code run} (images under OUT/work)
 * @param failFast   rethrow the first failure instead of marking the micrograph
 */
public record PickSettings(Contrast contrast, double moldiamMax, OutputLayout layout, boolean preprocess,
                           boolean failFast) implements Serializable {
}
