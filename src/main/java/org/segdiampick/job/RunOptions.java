package org.segdiampick.job;

import org.segdiampick.estimate.Clustering;
import org.segdiampick.pick.Contrast;

/**
 * Options of {@code run} (and, where they apply, {@code preprocess}).
 *
 * @param project           project.jsonl (local, hdfs:// or s3a://); updated in place at the end
 * @param out               output folder
 * @param micTo             last micrograph (1-based) of the selected ones to process; null = all
 * @param decisionFile      a previous summary.json whose bounds, box and mask are applied (skips estimation)
 * @param maxFailedFraction more failed micrographs than this fraction → exit code 4
 * @param keepIntermediates also write pass 1's density, topology and binary images under OUT/work
 */
public record RunOptions(String project, String out, Integer micTo, Clustering clustering, Contrast contrast,
                         double moldiamMax, boolean failFast, double maxFailedFraction, String decisionFile,
                         boolean keepIntermediates) {
}
