package io.pulse.bench.models;

import java.util.SplittableRandom;

/**
 * Points from k spherical Gaussians with unit variance around planted centres, equally likely, so
 * that k-means has a known answer. Centres are drawn uniformly in a cube of side {@code spread}; with
 * spread 20 in ten dimensions they lie about 25 standard deviations apart, so every point's planted
 * centre is also its nearest one.
 *
 * @param labels the planted centre of each point
 */
record GaussianMixture(double[][] points, int[] labels, double[][] centres) {

    static GaussianMixture generate(int n, int dimensions, int k, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[k][dimensions];
        for (double[] centre : centres) {
            for (int j = 0; j < dimensions; j++) {
                centre[j] = spread * random.nextDouble();
            }
        }
        double[][] points = new double[n][dimensions];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(k);
            for (int j = 0; j < dimensions; j++) {
                points[i][j] = centres[labels[i]][j] + random.nextGaussian();
            }
        }
        return new GaussianMixture(points, labels, centres);
    }
}
