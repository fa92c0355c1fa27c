package io.pulse.core.tags;

import java.util.Arrays;

/**
 * ROC AUC of groups of users sharing a score: the probability that a random positive scores above a
 * random negative, a tie counting half (Mann–Whitney U / (P N)), the definition of
 * {@link io.pulse.core.validation.BinaryMetrics#rocAuc()} computed on counts instead of rows.
 */
final class GroupedAuc {

    private GroupedAuc() {
    }

    /** NaN when there are no positives or no negatives. */
    static double of(double[] score, double[] pos, double[] neg) {
        int n = score.length;
        double[] distinct = new double[n];
        int used = 0;
        for (int r = 0; r < n; r++) {
            if (pos[r] + neg[r] > 0) {
                distinct[used++] = score[r] + 0.0;
            }
        }
        Arrays.sort(distinct, 0, used);
        int levels = 0;
        for (int i = 0; i < used; i++) {
            if (levels == 0 || distinct[i] != distinct[levels - 1]) {
                distinct[levels++] = distinct[i];
            }
        }
        double[] posAt = new double[levels];
        double[] negAt = new double[levels];
        for (int r = 0; r < n; r++) {
            if (pos[r] + neg[r] > 0) {
                int level = Arrays.binarySearch(distinct, 0, levels, score[r] + 0.0);
                posAt[level] += pos[r];
                negAt[level] += neg[r];
            }
        }
        double negativesBelow = 0;
        double u = 0;
        double positives = 0;
        for (int level = 0; level < levels; level++) {
            u += posAt[level] * (negativesBelow + negAt[level] / 2);
            negativesBelow += negAt[level];
            positives += posAt[level];
        }
        return positives == 0 || negativesBelow == 0 ? Double.NaN : u / (positives * negativesBelow);
    }
}
