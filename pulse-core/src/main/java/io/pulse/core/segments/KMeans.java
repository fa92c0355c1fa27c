package io.pulse.core.segments;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

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

    /**
     * Lloyd iterations from the given centroids until no assignment changes or maxIterations, with
     * Hamerly's (2010) bounds: each point keeps an upper bound on the distance to its centroid and a
     * lower bound on the distance to any other, both moved by how far centroids move. A point whose
     * bounds prove, with a margin far above rounding, that its centroid cannot change skips the
     * distance computations; every other point goes through {@link #nearest}, so the result is the
     * one plain Lloyd gives, bit for bit. Late iterations, where a few boundary points still flip,
     * then cost little. Points are assigned on all cores; sums stay sequential to keep their order.
     */
    static KMeansResult lloyd(double[][] points, double[][] centroids, long seed, int restarts, int maxIterations) {
        int n = points.length;
        int k = centroids.length;
        int dim = points[0].length;
        int[] assignments = new int[n];
        Arrays.fill(assignments, -1);
        double[] upper = new double[n];
        double[] lower = new double[n];
        int iterations = 0;
        boolean changed = true;
        while (changed && iterations < maxIterations) {
            iterations++;
            double[] halfGap = halfGapToNearestOther(centroids);
            changed = assign(points, centroids, assignments, upper, lower, halfGap);
            if (!changed) {
                break;
            }
            double[][] previous = new double[k][];
            for (int c = 0; c < k; c++) {
                previous[c] = centroids[c].clone();
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
                    // its bounds describe the old centroid: force a full check next time
                    upper[far] = Double.POSITIVE_INFINITY;
                    lower[far] = 0;
                } else {
                    for (int j = 0; j < dim; j++) {
                        centroids[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
            double[] moved = new double[k];
            double maxMoved = 0;
            for (int c = 0; c < k; c++) {
                moved[c] = Math.sqrt(squaredDistance(previous[c], centroids[c]));
                maxMoved = Math.max(maxMoved, moved[c]);
            }
            for (int i = 0; i < n; i++) {
                upper[i] += moved[assignments[i]];
                lower[i] -= maxMoved;
            }
        }
        return new KMeansResult(assignments, centroids, inertia(points, centroids, assignments), k, seed,
                restarts, iterations);
    }

    /** Points per parallel task; fixed, so the work split does not depend on the machine. */
    private static final int CHUNK = 8_192;
    /** Bounds must clear by this relative margin, a million times the rounding in a distance. */
    private static final double MARGIN = 1e-9;

    /** One assignment pass; true when any point changed cluster. */
    private static boolean assign(double[][] points, double[][] centroids, int[] assignments, double[] upper,
            double[] lower, double[] halfGap) {
        int n = points.length;
        return IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().map(chunk -> {
            boolean changed = false;
            for (int i = chunk * CHUNK; i < Math.min(n, (chunk + 1) * CHUNK); i++) {
                int a = assignments[i];
                if (a >= 0) {
                    double bound = Math.max(halfGap[a], lower[i]) * (1 - MARGIN);
                    if (upper[i] < bound) {
                        continue;
                    }
                    upper[i] = Math.sqrt(squaredDistance(points[i], centroids[a]));
                    if (upper[i] < bound) {
                        continue;
                    }
                }
                int nearest = nearest(points[i], centroids);
                double second = Double.POSITIVE_INFINITY;
                for (int c = 0; c < centroids.length; c++) {
                    if (c != nearest) {
                        second = Math.min(second, squaredDistance(points[i], centroids[c]));
                    }
                }
                upper[i] = Math.sqrt(squaredDistance(points[i], centroids[nearest]));
                lower[i] = Math.sqrt(second);
                if (nearest != a) {
                    assignments[i] = nearest;
                    changed = true;
                }
            }
            return changed ? 1 : 0;
        }).max().orElse(0) == 1;
    }

    /** Half the distance from each centroid to its nearest other one: a point nearer than that to it stays. */
    private static double[] halfGapToNearestOther(double[][] centroids) {
        int k = centroids.length;
        double[] half = new double[k];
        Arrays.fill(half, Double.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    half[c] = Math.min(half[c], Math.sqrt(squaredDistance(centroids[c], centroids[o])) / 2);
                }
            }
        }
        return half;
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
