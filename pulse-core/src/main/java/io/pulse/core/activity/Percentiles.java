package io.pulse.core.activity;

import java.util.Arrays;

/**
 * A summary of a distribution. Quantiles interpolate linearly between the two closest ranks
 * (h = (n - 1) p, Hyndman and Fan's type 7, R's default), which is what DuckDB's
 * {@code quantile_cont} computes, so these figures match the SQL ones.
 */
public record Percentiles(
        long count,
        double mean,
        double p10,
        double p25,
        double p50,
        double p75,
        double p90,
        double p99,
        double max) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Summarises {@code values} (not modified); no value may be NaN. */
    public static Percentiles of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("values must not contain NaN");
        }
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Percentiles(sorted.length, sum / sorted.length,
                quantile(sorted, 0.10), quantile(sorted, 0.25), quantile(sorted, 0.50),
                quantile(sorted, 0.75), quantile(sorted, 0.90), quantile(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    /** The type 7 quantile of ascending {@code sorted}. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
