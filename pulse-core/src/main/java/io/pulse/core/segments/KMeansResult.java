package io.pulse.core.segments;

/**
 * A k-means clustering and how it was made.
 *
 * @param assignments cluster 0..k-1 of each point
 * @param centroids k centroids, each with the points' dimension
 * @param inertia sum over points of the squared Euclidean distance to their centroid
 * @param k number of clusters
 * @param seed seed of the {@link java.util.SplittableRandom} that drove initialisation
 * @param restarts number of k-means++ starts, of which this is the lowest-inertia one
 * @param iterations Lloyd iterations of the kept start
 */
public record KMeansResult(int[] assignments, double[][] centroids, double inertia, int k, long seed,
        int restarts, int iterations) {

    /** The cluster whose centroid is nearest to {@code point} (ties to the lowest index), for points not fitted on. */
    public int nearest(double[] point) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = 0;
            for (int j = 0; j < point.length; j++) {
                double diff = point[j] - centroids[c][j];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }
}
