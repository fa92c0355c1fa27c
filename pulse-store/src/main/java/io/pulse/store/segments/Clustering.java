package io.pulse.store.segments;

import io.pulse.core.progress.Progress;
import io.pulse.core.segments.KChoice;
import io.pulse.core.segments.KChooser;
import io.pulse.core.segments.Standardizer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means over rows of raw features: log1p where flagged, standardised, k chosen by silhouette on a
 * seeded sample ({@link KChooser}), then every row joins its nearest centroid. Clusters are numbered by
 * size, largest first, so ids read the same way in every run.
 *
 * @param choice the k chosen and the silhouette of every k tried
 * @param assignments cluster 0..k-1 of each row, 0 the largest
 */
record Clustering(KChoice choice, int[] assignments) {

    static Clustering of(double[][] rows, boolean[] logScaled, int kMin, int kMax, int sampleSize, long seed,
            String task, Progress progress) {
        double[][] points = Standardizer.fitTransform(rows, logScaled);
        int[] sample = sample(points.length, sampleSize, seed);
        double[][] fitted = new double[sample.length][];
        for (int i = 0; i < sample.length; i++) {
            fitted[i] = points[sample[i]];
        }
        int top = Math.min(kMax, fitted.length - 1);
        int bottom = Math.min(kMin, top);
        progress.start(task + ", k = " + bottom + ".." + top, top - bottom + 1);
        KChoice choice = KChooser.choose(fitted, bottom, top, seed, KChooser.DEFAULT_SILHOUETTE_SAMPLE,
                k -> progress.advance(1));
        progress.done();
        int[] assignments;
        if (fitted.length == points.length) {
            assignments = choice.best().assignments().clone();
        } else {
            assignments = new int[points.length];
            for (int i = 0; i < points.length; i++) {
                assignments[i] = choice.best().nearest(points[i]);
            }
        }
        return new Clustering(choice, bySize(assignments));
    }

    /** Indexes 0..n-1 when n <= size, else a seeded random subset of {@code size}, ascending. */
    static int[] sample(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= size) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, size);
        Arrays.sort(out);
        return out;
    }

    /** Renumbers clusters so that 0 is the largest (ties to the lower old number). */
    static int[] bySize(int[] assignments) {
        int k = Arrays.stream(assignments).max().orElse(-1) + 1;
        int[] sizes = new int[k];
        for (int a : assignments) {
            sizes[a]++;
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (p, q) -> sizes[p] != sizes[q] ? Integer.compare(sizes[q], sizes[p]) : Integer.compare(p, q));
        int[] newId = new int[k];
        for (int rank = 0; rank < k; rank++) {
            newId[order[rank]] = rank;
        }
        int[] out = new int[assignments.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = newId[assignments[i]];
        }
        return out;
    }
}
