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

    /**
     * The AUC when every group g (ascending {@code eta}) splits in two: its users holding a candidate tag
     * ({@code withPos}, {@code withNeg} of the totals) score eta[g] + shift, the others eta[g]. Both halves
     * are then already sorted, so a merge replaces the sort: O(groups) for each of the many candidates a
     * forward selection scores.
     */
    static double split(double[] eta, double shift, double[] pos, double[] neg, double[] withPos, double[] withNeg) {
        int groups = eta.length;
        int i = 0;
        int j = 0;
        double negativesBelow = 0;
        double positives = 0;
        double u = 0;
        while (i < groups || j < groups) {
            double without = i < groups ? eta[i] : Double.POSITIVE_INFINITY;
            double with = j < groups ? eta[j] + shift : Double.POSITIVE_INFINITY;
            double level = Math.min(without, with);
            double posAt = 0;
            double negAt = 0;
            for (; i < groups && eta[i] == level; i++) {
                posAt += pos[i] - withPos[i];
                negAt += neg[i] - withNeg[i];
            }
            for (; j < groups && eta[j] + shift == level; j++) {
                posAt += withPos[j];
                negAt += withNeg[j];
            }
            u += posAt * (negativesBelow + negAt / 2);
            negativesBelow += negAt;
            positives += posAt;
        }
        return positives == 0 || negativesBelow == 0 ? Double.NaN : u / (positives * negativesBelow);
    }
}
