package io.pulse.core.validation;

import java.util.Arrays;

/**
 * Predictions and labels sorted once by score, so that the figures of any reweighting of the rows cost
 * one sequential O(n) pass instead of a new O(n log n) sort. A bootstrap round is such a reweighting:
 * a row drawn c times has weight c.
 *
 * <p>Rows are held in ascending order of score and grouped by distinct score; a group is one
 * threshold, so tied scores are neither ordered positive-first (which would flatter the model) nor
 * negative-first. Per-row losses are computed once here, not once per round.
 */
final class RankedScores {

    /** scikit-learn's log-loss clipping, so that one confident mistake costs 34.5 nats, not infinity. */
    static final double CLIP = 1e-15;
    /** A row counts as predicted active when p >= this. */
    static final double THRESHOLD = 0.5;

    /** The original index of the row at each ranked position. */
    private final int[] order;
    /** Positions [groupStart[g], groupStart[g + 1]) share the g-th lowest score. */
    private final int[] groupStart;
    private final boolean[] y;
    private final double[] logLoss;
    private final double[] squaredError;
    private final boolean[] correct;

    RankedScores(double[] p, boolean[] labels) {
        if (p.length != labels.length || p.length == 0) {
            throw new IllegalArgumentException("need as many labels as predictions, at least one: got "
                    + p.length + " predictions and " + labels.length + " labels");
        }
        int n = p.length;
        double[] distinct = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("prediction " + i + " is not a probability: " + p[i]);
            }
            distinct[i] = p[i] + 0.0; // -0.0 becomes 0.0: one score, one group
        }
        Arrays.sort(distinct);
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (groups == 0 || distinct[i] != distinct[groups - 1]) {
                distinct[groups++] = distinct[i];
            }
        }
        // A counting sort by rank among the distinct scores: primitive arrays only, no boxed comparator.
        int[] rank = new int[n];
        groupStart = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            rank[i] = Arrays.binarySearch(distinct, 0, groups, p[i] + 0.0);
            groupStart[rank[i] + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            groupStart[g + 1] += groupStart[g];
        }
        int[] next = Arrays.copyOf(groupStart, groups);
        order = new int[n];
        y = new boolean[n];
        logLoss = new double[n];
        squaredError = new double[n];
        correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            int at = next[rank[i]]++;
            order[at] = i;
            y[at] = labels[i];
            double clipped = Math.min(Math.max(p[i], CLIP), 1 - CLIP);
            logLoss[at] = -Math.log(labels[i] ? clipped : 1 - clipped);
            double error = p[i] - (labels[i] ? 1 : 0);
            squaredError[at] = error * error;
            correct[at] = (p[i] >= THRESHOLD) == labels[i];
        }
    }

    int rows() {
        return y.length;
    }

    /** The original index of the row at ranked position {@code position}. */
    int row(int position) {
        return order[position];
    }

    /** Every row once. */
    Figures figures() {
        int[] ones = new int[rows()];
        Arrays.fill(ones, 1);
        return figures(ones);
    }

    /**
     * The figures of the sample in which the row at ranked position i appears {@code weight[i]} times.
     * One sweep from the highest score down gives the Mann-Whitney pairs (a tie is half a pair) and
     * the precision at each threshold, weighted by the recall it adds.
     */
    Figures figures(int[] weight) {
        long total = 0;
        long right = 0;
        double loss = 0;
        double brier = 0;
        double pairs = 0;
        double precisionSum = 0;
        long positivesAbove = 0;
        long negativesAbove = 0;
        for (int g = groupStart.length - 2; g >= 0; g--) {
            long positives = 0;
            long negatives = 0;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                int w = weight[i];
                if (w == 0) {
                    continue;
                }
                if (y[i]) {
                    positives += w;
                } else {
                    negatives += w;
                }
                if (correct[i]) {
                    right += w;
                }
                loss += w * logLoss[i];
                brier += w * squaredError[i];
            }
            pairs += negatives * (positivesAbove + 0.5 * positives);
            positivesAbove += positives;
            negativesAbove += negatives;
            if (positives > 0) {
                precisionSum += (double) positives * positivesAbove / (positivesAbove + negativesAbove);
            }
            total += positives + negatives;
        }
        long allPositives = positivesAbove;
        long allNegatives = negativesAbove;
        return new Figures(total, (double) allPositives / total, (double) right / total,
                allPositives > 0 && allNegatives > 0 ? pairs / ((double) allPositives * allNegatives) : Double.NaN,
                allPositives > 0 ? precisionSum / allPositives : Double.NaN, loss / total, brier / total);
    }

    /** The figures of one weighting of the rows. */
    record Figures(long n, double positiveRate, double accuracy, double rocAuc, double prAuc, double logLoss,
            double brier) {
    }
}
