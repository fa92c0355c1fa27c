package io.pulse.core.segments;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means with k-means++ seeding (Arthur and Vassilvitskii 2007) and Lloyd iterations, restarted several
 * times with the lowest-inertia run kept. One {@link SplittableRandom} seeded by the caller drives all
 * restarts in turn, so the same seed and data always give the same result.
 *
 * <p>Points are rows of {@code double[n][d]}. Ties in nearest-centroid go to the lowest cluster index.
 * A cluster that empties during Lloyd iterations is re-seeded with the point farthest from its centroid.
 */
public final class KMeans {

    public static final int DEFAULT_MAX_ITERATIONS = 300;
    public static final int DEFAULT_RESTARTS = 10;

    private KMeans() {
    }

    public static KMeansResult fit(double[][] points, int k, long seed) {
        return fit(points, k, seed, DEFAULT_RESTARTS, DEFAULT_MAX_ITERATIONS);
    }

    public static KMeansResult fit(double[][] points, int k, long seed, int restarts, int maxIterations) {
        int n = points.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + ", was " + k);
        }
        if (restarts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("restarts and maxIterations must be at least 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        KMeansResult best = null;
        for (int run = 0; run < restarts; run++) {
            KMeansResult result = lloyd(points, plusPlus(points, k, random), seed, restarts, maxIterations);
            if (best == null || result.inertia() < best.inertia()) {
                best = result;
            }
        }
        return best;
    }

    /** k-means++: the first centroid uniformly, each next one with probability proportional to D(x)². */
    static double[][] plusPlus(double[][] points, int k, SplittableRandom random) {
        int n = points.length;
        double[][] centroids = new double[k][];
        centroids[0] = points[random.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = squaredDistance(points[i], centroids[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double d : d2) {
                total += d;
            }
            int chosen;
            if (total == 0) {
                // fewer distinct points than k: any point is as good as any other
                chosen = random.nextInt(n);
            } else {
                double target = random.nextDouble() * total;
                chosen = n - 1;
                double cumulative = 0;
                for (int i = 0; i < n; i++) {
                    cumulative += d2[i];
                    if (cumulative > target) {
                        chosen = i;
                        break;
                    }
                }
            }
            centroids[c] = points[chosen].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], squaredDistance(points[i], centroids[c]));
            }
        }
        return centroids;
    }

    /** Lloyd iterations from the given centroids until no assignment changes or maxIterations. */
    static KMeansResult lloyd(double[][] points, double[][] centroids, long seed, int restarts, int maxIterations) {
        int n = points.length;
        int k = centroids.length;
        int dim = points[0].length;
        int[] assignments = new int[n];
        Arrays.fill(assignments, -1);
        int iterations = 0;
        boolean changed = true;
        while (changed && iterations < maxIterations) {
            iterations++;
            changed = false;
            for (int i = 0; i < n; i++) {
                int nearest = nearest(points[i], centroids);
                if (nearest != assignments[i]) {
                    assignments[i] = nearest;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][dim];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assignments[i]]++;
                for (int j = 0; j < dim; j++) {
                    sums[assignments[i]][j] += points[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    int far = farthestFromOwnCentroid(points, centroids, assignments);
                    centroids[c] = points[far].clone();
                    assignments[far] = c;
                } else {
                    for (int j = 0; j < dim; j++) {
                        centroids[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
        }
        return new KMeansResult(assignments, centroids, inertia(points, centroids, assignments), k, seed,
                restarts, iterations);
    }

    /** Sum of squared Euclidean distances from each point to its assigned centroid. */
    public static double inertia(double[][] points, double[][] centroids, int[] assignments) {
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            sum += squaredDistance(points[i], centroids[assignments[i]]);
        }
        return sum;
    }

    static int nearest(double[] point, double[][] centroids) {
        int best = 0;
        double bestDistance = squaredDistance(point, centroids[0]);
        for (int c = 1; c < centroids.length; c++) {
            double d = squaredDistance(point, centroids[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }
        return sum;
    }

    private static int farthestFromOwnCentroid(double[][] points, double[][] centroids, int[] assignments) {
        int far = 0;
        double farDistance = -1;
        for (int i = 0; i < points.length; i++) {
            double d = squaredDistance(points[i], centroids[assignments[i]]);
            if (d > farDistance) {
                farDistance = d;
                far = i;
            }
        }
        return far;
    }
}
