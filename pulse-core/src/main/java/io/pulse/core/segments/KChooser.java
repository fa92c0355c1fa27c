package io.pulse.core.segments;

/**
 * Picks k by the highest mean silhouette among k-means runs for k in {@code [kMin, kMax]}; a tie goes to
 * the smaller k, the simpler segmentation. k starts at 2 because the silhouette is undefined for one cluster.
 */
public final class KChooser {

    public static final int DEFAULT_SILHOUETTE_SAMPLE = 2000;

    private KChooser() {
    }

    public static KChoice choose(double[][] points, int kMin, int kMax, long seed) {
        return choose(points, kMin, kMax, seed, DEFAULT_SILHOUETTE_SAMPLE);
    }

    public static KChoice choose(double[][] points, int kMin, int kMax, long seed, int silhouetteSample) {
        if (kMin < 2 || kMax < kMin || kMax > points.length) {
            throw new IllegalArgumentException(
                    "need 2 <= kMin <= kMax <= " + points.length + ", was " + kMin + ".." + kMax);
        }
        int[] ks = new int[kMax - kMin + 1];
        double[] silhouettes = new double[ks.length];
        KMeansResult best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < ks.length; t++) {
            ks[t] = kMin + t;
            KMeansResult result = KMeans.fit(points, ks[t], seed);
            silhouettes[t] = Silhouette.mean(points, result.assignments(), silhouetteSample, seed);
            if (silhouettes[t] > bestScore) {
                bestScore = silhouettes[t];
                best = result;
            }
        }
        return new KChoice(best, ks, silhouettes, seed);
    }
}
