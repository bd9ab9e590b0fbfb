package org.segdiampick.estimate;


/**
 * The diameters do not allow an estimate (no diameters, too few for k-means, no cluster accepted;
 * decisions.md B-5, B-7, B-8). The message is one line; the command line maps it to exit code 3.
 */
public class EstimationException extends RuntimeException {

    public EstimationException(String message) {
        super(message);
    }
}
