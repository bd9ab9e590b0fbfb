package org.segdiampick.job;

import org.segdiampick.pick.Contrast;

import java.io.Serializable;

/**
 * Settings of pass 1 that every executor needs.
 *
 * @param writes   which files pass 1 writes besides what it returns
 * @param failFast rethrow the first failure instead of marking the micrograph
 */
public record PickSettings(Contrast contrast, double moldiamMax, OutputLayout layout, Pass1Writes writes,
                           boolean failFast) implements Serializable {

    /** What pass 1 leaves on storage. */
    public enum Pass1Writes {
        /** {@code run}: the density thumbnail only; stage 6 works from the particles pass 1 returned. */
        THUMBNAIL,
        /** {@code run --keep-intermediates}: the thumbnail plus {@code work/<mic>_{den,topo,bin}.mrc}. */
        THUMBNAIL_AND_INTERMEDIATES,
        /**
         * {@code preprocess} (SIMPLE's segdiampick_preprocess): the three images and {@code <mic>_diams.txt}
         * directly under OUT, for a later {@code run} to import; no thumbnail (that run renders it).
         */
        PREPROCESS;

        boolean thumbnail() {
            return this != PREPROCESS;
        }

        boolean images() {
            return this != THUMBNAIL;
        }
    }
}
