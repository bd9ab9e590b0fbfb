package org.segdiampick.estimate;

import org.segdiampick.Parameters;

import java.util.Arrays;

/**
 * Policy stages 2–5 end to end: erosion correction, global statistics, clustering, Z-score filtering,
 * box size and mask diameter. Primitive arrays throughout and O(N log N) (one sort shared by the
 * statistics, the MAD and the clustering), so 10^7 diameters take seconds.
 */
public final class Estimate {

    private Estimate() {
    }

    /**
     * Runs stages 2–5.
     *
     * @param uncorrectedDiametersAngstrom pick-time diameters (Å, without the +8 Å correction; finite, ≥ 0)
     * @param smpd                         raw pixel size, Å
     * @param clustering                   backend of stage 3
     * @throws EstimationException if there are no diameters, too few for k-means, or no cluster is accepted
     */
    public static EstimateReport run(double[] uncorrectedDiametersAngstrom, double smpd, Clustering clustering) {
        if (!(smpd > 0) || !Double.isFinite(smpd)) throw new IllegalArgumentException("pixel size must be positive, got " + smpd);
        int n = uncorrectedDiametersAngstrom.length;
        if (n == 0) throw new EstimationException("no diameters to estimate from (no particle was picked)");
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double v = uncorrectedDiametersAngstrom[i];
            if (!Double.isFinite(v) || v < 0) throw new IllegalArgumentException("diameter #" + (i + 1) + " is " + v + " Å");
            d[i] = v + Parameters.EROSION_CORRECTION;
        }
        if (clustering == Clustering.KMEANS && n < Parameters.NQ_DIAMS) {
            throw new EstimationException("only " + n + " diameter" + (n == 1 ? "" : "s") + ": k-means needs at least "
                + Parameters.NQ_DIAMS + "; use --clustering hac");
        }
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        DiameterStats before = DiameterStats.ofSorted(d, sorted);
        double scale = ClusterFilter.robustScale(d, sorted, before.med());

        int[] labels;
        ClusterFilter.Cluster[] clusters;
        if (clustering == Clustering.KMEANS) {
            SortMeans.Result r = SortMeans.clusterSorted(d, sorted, Parameters.NQ_DIAMS, Parameters.NQ_DIAMS);
            labels = r.labels();
            clusters = ClusterFilter.apply(r.means(), r.populations(), before.med(), scale, true);
        } else {
            Hac1d.Result r = Hac1d.clusterSorted(d, sorted, before.sdev());
            labels = r.labels();
            clusters = ClusterFilter.apply(r.centroids(), r.populations(), before.med(), scale, false);
        }
        sorted = null; // 80 MB at 10^7 diameters: let it go before the filtered copy is sorted
        double[] accepted = ClusterFilter.acceptedValues(d, labels, clusters);
        if (accepted.length == 0) {
            throw new EstimationException("no diameter cluster passed the Z-score filter (" + clusters.length
                + " clusters of " + n + " diameters" + (clustering == Clustering.KMEANS ? "; try --clustering hac" : "") + ")");
        }
        DiameterStats after = DiameterStats.of(accepted);
        int box = BoxRules.boxSize(after.max(), smpd);
        double msk = BoxRules.maskDiameter(box, smpd, after.max());
        Decision decision = new Decision(box, msk, after.min(), after.max(), smpd);
        return new EstimateReport(decision, clustering, scale, before, after, clusters, d, accepted);
    }
}
