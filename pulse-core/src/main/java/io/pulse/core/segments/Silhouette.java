package io.pulse.core.segments;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean silhouette (Rousseeuw 1987) with Euclidean distance: for a point, {@code a} is its mean distance
 * to the other members of its cluster, {@code b} the lowest mean distance to another cluster, and
 * {@code s = (b - a) / max(a, b)}; a point alone in its cluster scores 0. Distances are quadratic in n, so
 * above {@code maxSample} points the score is computed within a seeded uniform sample, as scikit-learn's
 * {@code silhouette_score(sample_size=...)} does.
 */
public final class Silhouette {

    private Silhouette() {
    }

    /** Mean silhouette over all points. */
    public static double mean(double[][] points, int[] assignments) {
        return meanOf(points, assignments, identity(points.length));
    }

    /** Mean silhouette over a seeded sample of at most {@code maxSample} points (all of them if fewer). */
    public static double mean(double[][] points, int[] assignments, int maxSample, long seed) {
        int n = points.length;
        int[] order = identity(n);
        if (maxSample >= n) {
            return meanOf(points, assignments, order);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < maxSample; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return meanOf(points, assignments, Arrays.copyOf(order, maxSample));
    }

    private static double meanOf(double[][] points, int[] assignments, int[] sample) {
        int k = 0;
        for (int i : sample) {
            k = Math.max(k, assignments[i] + 1);
        }
        int[] sizes = new int[k];
        for (int i : sample) {
            sizes[assignments[i]]++;
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i : sample) {
            Arrays.fill(sums, 0);
            for (int j : sample) {
                if (j != i) {
                    sums[assignments[j]] += Math.sqrt(KMeans.squaredDistance(points[i], points[j]));
                }
            }
            int own = assignments[i];
            if (sizes[own] <= 1) {
                continue;
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            if (b == Double.POSITIVE_INFINITY) {
                continue;
            }
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / sample.length;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
