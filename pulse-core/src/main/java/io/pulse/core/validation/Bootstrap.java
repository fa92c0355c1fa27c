package io.pulse.core.validation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals of the validation figures (Efron and Tibshirani 1993, ch. 13): draw
 * n rows with replacement {@code rounds} times, compute every figure on each draw, and take the
 * (1 - level)/2 and (1 + level)/2 quantiles of each.
 *
 * <p>A draw is held as a count per row rather than a copy of the rows, and the scores are ranked once
 * ({@link RankedScores}), so a round costs O(n): 200 rounds over 100,000 rows take well under a second.
 * A round whose figure is undefined (a draw with one class has no AUC) is left out of that figure's
 * quantiles.
 *
 * @param rounds resamples to draw
 * @param level coverage of each interval, in (0, 1)
 * @param seed seed of the {@link SplittableRandom} that draws the rows
 */
public record Bootstrap(int rounds, double level, long seed) {

    public static final int DEFAULT_ROUNDS = 200;
    public static final double DEFAULT_LEVEL = 0.95;

    public Bootstrap {
        if (rounds < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need rounds >= 1 and 0 < level < 1, got " + rounds + " and " + level);
        }
    }

    /** 200 rounds, 95% intervals. */
    public static Bootstrap withSeed(long seed) {
        return new Bootstrap(DEFAULT_ROUNDS, DEFAULT_LEVEL, seed);
    }

    public MetricIntervals intervals(double[] p, boolean[] y) {
        RankedScores scores = new RankedScores(p, y);
        int n = scores.rows();
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[n];
        double[][] figures = new double[5][rounds];
        for (int r = 0; r < rounds; r++) {
            Arrays.fill(counts, 0);
            // Drawing ranked positions rather than original rows is the same uniform draw, relabelled.
            for (int k = 0; k < n; k++) {
                counts[random.nextInt(n)]++;
            }
            RankedScores.Figures f = scores.figures(counts);
            figures[0][r] = f.accuracy();
            figures[1][r] = f.rocAuc();
            figures[2][r] = f.prAuc();
            figures[3][r] = f.logLoss();
            figures[4][r] = f.brier();
        }
        return new MetricIntervals(percentile(figures[0]), percentile(figures[1]), percentile(figures[2]),
                percentile(figures[3]), percentile(figures[4]), rounds, level, seed);
    }

    private Interval percentile(double[] values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (finite.length == 0) {
            return Interval.UNDEFINED;
        }
        double tail = (1 - level) / 2;
        return new Interval(quantile(finite, tail), quantile(finite, 1 - tail));
    }

    /** Linear interpolation between order statistics, as numpy's default (Hyndman and Fan type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
