package org.segdiampick.pick.refined;

/**
 * Learns the particle diameter of a batch from its summed {@link SizeEvidence} and, when there is one, the
 * policy's accepted maximum diameter (stage 3's {@code diam_max}, corrected Å).
 *
 * <p>Method (docs/picking.md has the figures): the detection diameter is the grid diameter, refined by a parabola
 * through its neighbours in log scale, where the batch's mean top-k blob score is highest, searched between
 * {@value #WINDOW_LOW} × and 1 × {@code diam_max}. The policy's maximum bounds the search from above because on
 * densely packed specimens (apoferritin) crowded patches respond like one blob twice the size, and bounds it below
 * because the segmentation's largest accepted components are whole particles. A blob detector responds best
 * somewhat below a particle's full diameter (soft edges, CTF), measured 0.7–0.9 × on the shared EMPIAR sets, so
 * the exported particle diameter is the detection diameter / {@value #DETECTOR_TO_PARTICLE}, never more than
 * {@code diam_max}.
 */
public final class ParticleSizeLearner {
    static final double WINDOW_LOW = 0.4;
    /** Detection diameter / particle diameter of the Laplacian-of-Gaussian detector on real particles. */
    public static final double DETECTOR_TO_PARTICLE = 0.8;

    private ParticleSizeLearner() {
    }

    /**
     * @param evidence the batch's summed evidence
     * @param diamMax  the policy's accepted maximum diameter, Å, or NaN to search the whole grid
     * @throws IllegalArgumentException when no micrograph of the batch had signal at any candidate size
     */
    public static LearnedSize learn(SizeEvidence evidence, double diamMax) {
        boolean prior = Double.isFinite(diamMax) && diamMax > 0;
        int best = -1;
        for (int j = 0; j < SizeEvidence.SCALES; j++) {
            if (!candidate(evidence, j, prior, diamMax)) continue;
            if (best < 0 || evidence.meanTopScore(j) > evidence.meanTopScore(best)) best = j;
        }
        if (best < 0) throw new IllegalArgumentException("no micrograph of the batch shows particles at any size"
                + (prior ? " between " + Math.round(WINDOW_LOW * diamMax) + " and " + Math.round(diamMax) + " Å" : ""));
        double logD = Math.log(SizeEvidence.diameter(best));
        if (best > 0 && best < SizeEvidence.SCALES - 1 && candidate(evidence, best - 1, prior, diamMax)
                && candidate(evidence, best + 1, prior, diamMax)) {
            double a = evidence.meanTopScore(best - 1), b = evidence.meanTopScore(best), c = evidence.meanTopScore(best + 1);
            double den = a - 2 * b + c;
            if (den < 0) logD += 0.5 * (a - c) / den * Math.log(SizeEvidence.STEP);
        }
        double detection = Math.exp(logD);
        double particle = detection / DETECTOR_TO_PARTICLE;
        boolean capped = prior && particle > diamMax;
        if (capped) {
            particle = diamMax;
            detection = Math.min(detection, DETECTOR_TO_PARTICLE * diamMax);
        }
        return new LearnedSize(particle, detection, SizeEvidence.nearestScale(detection), capped);
    }

    private static boolean candidate(SizeEvidence e, int j, boolean prior, double diamMax) {
        if (e.micrographs(j) == 0) return false;
        double d = SizeEvidence.diameter(j);
        return !prior || (d >= WINDOW_LOW * diamMax && d <= diamMax);
    }
}
