package io.pulse.core.segments;

import java.util.function.IntConsumer;

/**
 * Picks k by the highest mean silhouette among k-means runs for k in {@code [kMin, kMax]}; a tie goes to
 * the smaller k, the simpler segmentation. k starts at 2 because the silhouette is undefined for one cluster.
 *
 * <p>The search runs k-means with {@value #SEARCH_RESTARTS} restarts per k, enough to rank the ks, and
 * only the chosen k is then fitted with the full {@link KMeans#DEFAULT_RESTARTS}: most of the cost of
 * choosing k is in k-means, and restarts mainly polish inertia, which the silhouette barely feels.
 */
public final class KChooser {

    public static final int DEFAULT_SILHOUETTE_SAMPLE = 2000;
    public static final int SEARCH_RESTARTS = 3;

    private KChooser() {
    }

    public static KChoice choose(double[][] points, int kMin, int kMax, long seed) {
        return choose(points, kMin, kMax, seed, DEFAULT_SILHOUETTE_SAMPLE);
    }

    public static KChoice choose(double[][] points, int kMin, int kMax, long seed, int silhouetteSample) {
        return choose(points, kMin, kMax, seed, silhouetteSample, k -> { });
    }

    /** As {@link #choose(double[][], int, int, long, int)}, calling {@code tried} after each k, for progress. */
    public static KChoice choose(double[][] points, int kMin, int kMax, long seed, int silhouetteSample,
            IntConsumer tried) {
        if (kMin < 2 || kMax < kMin || kMax > points.length) {
            throw new IllegalArgumentException(
                    "need 2 <= kMin <= kMax <= " + points.length + ", was " + kMin + ".." + kMax);
        }
        int[] ks = new int[kMax - kMin + 1];
        double[] silhouettes = new double[ks.length];
        int bestK = kMin;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < ks.length; t++) {
            ks[t] = kMin + t;
            KMeansResult result = KMeans.fit(points, ks[t], seed, SEARCH_RESTARTS, KMeans.DEFAULT_MAX_ITERATIONS);
            silhouettes[t] = Silhouette.mean(points, result.assignments(), silhouetteSample, seed);
            if (silhouettes[t] > bestScore) {
                bestScore = silhouettes[t];
                bestK = ks[t];
            }
            tried.accept(ks[t]);
        }
        return new KChoice(KMeans.fit(points, bestK, seed), ks, silhouettes, seed);
    }
}
