package org.segdiampick.job;

import java.io.Serializable;

/**
 * What stage 6 sends back for one micrograph.
 *
 * @param nptcls    particles kept by the re-pick gate
 * @param boxfile   written box file, null when nptcls = 0 (decisions B-27)
 * @param coordFile written RELION coordinate file, null when nptcls = 0
 * @param thumb     written JPEG thumbnail, null when there is no density image
 */
public record Pass2Outcome(int index, String name, int nptcls, String boxfile, String coordFile, String thumb,
                           String error) implements Serializable {
    public boolean failed() {
        return error != null;
    }
}
