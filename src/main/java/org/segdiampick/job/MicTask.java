package org.segdiampick.job;

import java.io.Serializable;

/**
 * One micrograph of the run, as the driver hands it to an executor: only names and numbers, never pixels.
 *
 * @param index      0-based position of the record in the project (results are put back there)
 * @param intg       micrograph path or URI
 * @param smpd       pixel size, Å
 * @param name       output base name, unique within the run (file name without its final extension, B-28)
 * @param cachedDen  {@code mic_den} of a micrograph pre-picked by {@code preprocess}, else null
 * @param cachedTopo {@code mic_topo}, else null
 * @param cachedBin  {@code mic_bin}, else null
 * @param cachedDiam {@code mic_diam}, else null
 */
public record MicTask(int index, String intg, double smpd, String name,
                      String cachedDen, String cachedTopo, String cachedBin, String cachedDiam) implements Serializable {

    /** Policy stage 1: a record holding {@code mic_den}, {@code mic_topo} and {@code mic_bin} is imported, not picked. */
    public boolean prePicked() {
        return cachedDen != null && cachedTopo != null && cachedBin != null;
    }
}
