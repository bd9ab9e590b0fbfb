package org.segdiampick.job;

import org.segdiampick.pick.Contrast;

/** What {@code run} and {@code preprocess} both need: which micrographs, how to pick them, when to give up. */
public interface BatchOptions {
    /** project.jsonl (local, hdfs:// or s3a://); updated in place at the end. */
    String project();

    /** Output folder. */
    String out();

    /** Last micrograph (1-based) of the selected ones to process; null = all. */
    Integer micTo();

    Contrast contrast();

    double moldiamMax();

    boolean failFast();

    /** More failed micrographs than this fraction stops the run. */
    double maxFailedFraction();
}
