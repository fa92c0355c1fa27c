package io.pulse.core.backtest;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What one rule did: its treated users against its control group (users who qualified the same way
 * and were held out) over the window after each action.
 *
 * <p>The retention difference has Newcombe's hybrid score interval (Newcombe 1998, method 10: the
 * Wilson interval of each share, combined), which keeps its coverage for small groups and shares near
 * 0 or 1 where the textbook Wald interval does not. Revenue per user is heavy-tailed (most spend
 * nothing, a few a lot), so its difference gets a percentile bootstrap interval instead of a normal one.
 *
 * @param treated treated actions with a complete window
 * @param control control actions with a complete window
 * @param treatedRetention share of treated users active in the window
 * @param retentionDiff treated minus control retention, in shares (0.04 = 4 points)
 * @param revenueDiff treated minus control revenue per user over the window
 */
public record Uplift(String rule, String action, long treated, long control, double treatedRetention,
        double controlRetention, double retentionDiff, double ciLow, double ciHigh, double treatedRevenue,
        double controlRevenue, double revenueDiff, double revenueCiLow, double revenueCiHigh, double level) {

    public static final double DEFAULT_LEVEL = 0.95;
    public static final int BOOTSTRAP_ROUNDS = 1000;

    /**
     * Of the control users who were not retained, the share the action brought back:
     * {@code retentionDiff / (1 − controlRetention)}; NaN when the control group kept everyone.
     */
    public double wonBackShare() {
        return controlRetention < 1 ? retentionDiff / (1 - controlRetention) : Double.NaN;
    }

    /** Whether the retention interval excludes zero. */
    public boolean significant() {
        return ciLow > 0 || ciHigh < 0;
    }

    /**
     * @param treatedRetained per treated action, whether the user was active in the window
     * @param treatedRevenue per treated action, the user's revenue in the window
     * @param seed seed of the revenue bootstrap
     */
    public static Uplift estimate(String rule, String action, boolean[] treatedRetained, double[] treatedRevenue,
            boolean[] controlRetained, double[] controlRevenue, double level, long seed) {
        if (treatedRetained.length != treatedRevenue.length || controlRetained.length != controlRevenue.length) {
            throw new IllegalArgumentException("retention and revenue need one entry per action");
        }
        int n1 = treatedRetained.length;
        int n0 = controlRetained.length;
        long x1 = count(treatedRetained);
        long x0 = count(controlRetained);
        double p1 = n1 == 0 ? Double.NaN : (double) x1 / n1;
        double p0 = n0 == 0 ? Double.NaN : (double) x0 / n0;
        double[] ci = newcombe(x1, n1, x0, n0, level);
        double m1 = mean(treatedRevenue);
        double m0 = mean(controlRevenue);
        double[] revenueCi = bootstrapMeanDifference(treatedRevenue, controlRevenue, level, seed);
        return new Uplift(rule, action, n1, n0, p1, p0, p1 - p0, ci[0], ci[1], m1, m0, m1 - m0, revenueCi[0],
                revenueCi[1], level);
    }

    /** Newcombe's hybrid score interval for p1 − p0; NaNs when either group is empty. */
    static double[] newcombe(long x1, long n1, long x0, long n0, double level) {
        if (n1 == 0 || n0 == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = new NormalDistribution().inverseCumulativeProbability((1 + level) / 2);
        double p1 = (double) x1 / n1;
        double p0 = (double) x0 / n0;
        double[] w1 = wilson(x1, n1, z);
        double[] w0 = wilson(x0, n0, z);
        double d = p1 - p0;
        double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w0[1] - p0));
        double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p0 - w0[0]));
        return new double[] {low, high};
    }

    /** Wilson's score interval of x successes in n. */
    static double[] wilson(long x, long n, double z) {
        double p = (double) x / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {centre - half, centre + half};
    }

    /** Percentile bootstrap of mean(a) − mean(b), resampling each group on its own. */
    static double[] bootstrapMeanDifference(double[] a, double[] b, double level, long seed) {
        if (a.length == 0 || b.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[BOOTSTRAP_ROUNDS];
        for (int r = 0; r < BOOTSTRAP_ROUNDS; r++) {
            diffs[r] = resampledMean(a, random) - resampledMean(b, random);
        }
        Arrays.sort(diffs);
        return new double[] {quantile(diffs, (1 - level) / 2), quantile(diffs, (1 + level) / 2)};
    }

    private static double resampledMean(double[] x, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[random.nextInt(x.length)];
        }
        return sum / x.length;
    }

    /** Linear interpolation between order statistics (type 7). */
    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static long count(boolean[] values) {
        long n = 0;
        for (boolean v : values) {
            n += v ? 1 : 0;
        }
        return n;
    }

    private static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double sq(double x) {
        return x * x;
    }
}
