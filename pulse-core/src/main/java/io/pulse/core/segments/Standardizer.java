package io.pulse.core.segments;

/**
 * Column-wise scaling fitted on one population and applied to rows: optionally {@code log1p} first
 * (for skewed counts and money), then z-score with the population standard deviation (divide by n).
 * A constant column maps to 0 rather than NaN, so it simply stops counting in distances.
 *
 * @param log1p whether each column is log1p-transformed before the z-score
 * @param mean mean of each (transformed) column
 * @param sd population standard deviation of each (transformed) column
 */
public record Standardizer(boolean[] log1p, double[] mean, double[] sd) {

    /** Fits on rows {@code double[n][d]}; {@code log1p} has one flag per column. */
    public static Standardizer fit(double[][] rows, boolean[] log1p) {
        int d = log1p.length;
        int n = rows.length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : rows) {
                sum += value(row[j], log1p[j]);
            }
            mean[j] = sum / n;
            double squares = 0;
            for (double[] row : rows) {
                double diff = value(row[j], log1p[j]) - mean[j];
                squares += diff * diff;
            }
            sd[j] = Math.sqrt(squares / n);
        }
        return new Standardizer(log1p.clone(), mean, sd);
    }

    /** Fits on rows and returns them transformed. */
    public static double[][] fitTransform(double[][] rows, boolean[] log1p) {
        return fit(rows, log1p).transform(rows);
    }

    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = sd[j] == 0 ? 0 : (value(rows[i][j], log1p[j]) - mean[j]) / sd[j];
            }
        }
        return out;
    }

    private static double value(double x, boolean log1p) {
        return log1p ? Math.log1p(x) : x;
    }
}
