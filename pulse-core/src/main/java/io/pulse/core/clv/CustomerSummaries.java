package io.pulse.core.clv;

import io.pulse.core.PulseInputException;
import java.util.Arrays;

/**
 * Recency-frequency summaries of a customer base, compressed for fitting.
 *
 * <p>Per customer: x, the number of repeat transactions in the calibration period; t_x, the time of
 * the last one (0 when x = 0); T, the time from the first purchase to the end of calibration; and
 * optionally m_x, the mean value of the x repeat transactions (first purchase excluded, FH13). The
 * likelihoods of {@link BgNbdModel} and {@link ParetoNbdModel} depend on a customer only through
 * (x, t_x, T), and that of {@link GammaGammaModel} only through (x, m_x), so customers sharing a
 * tuple are stored once with a count. Fitting a million customers then costs the number of unique
 * tuples, which is bounded by the resolution of the time stamps.
 *
 * <p>The likelihoods go further: terms that depend only on x (log-gamma functions of x) or only on a
 * time (log(alpha + t)) are computed once per distinct x or time and looked up by index, so a tuple
 * costs a few multiplications and one log-sum-exp.
 */
public final class CustomerSummaries {

    private static final String SOURCE = "customer summaries";
    /** Two chunks of {@link TupleSums}: a sample this size evaluates in about a millisecond. */
    static final int SCREENING_TUPLES = 32_768;

    final double[] x;
    final double[] tx;
    final double[] T;
    final double[] count;

    final double[] spendX;
    final double[] spendM;
    final double[] spendCount;

    /** Distinct x of the tuples; {@code frequencies.index()[0][i]} is tuple i's. */
    final DistinctValues frequencies;
    /** Customers per distinct x, for the terms of a likelihood that depend on x alone. */
    final double[] countByFrequency;
    /** Distinct times among t_x and T; index 0 is t_x's position, index 1 is T's. */
    final DistinctValues times;

    final DistinctValues spendFrequencies;
    final double[] spendCountByFrequency;
    final double[] logSpendM;

    private final int customers;

    private CustomerSummaries(double[][] recencyFrequency, double[][] spend, int customers) {
        this.x = recencyFrequency[0];
        this.tx = recencyFrequency[1];
        this.T = recencyFrequency[2];
        this.count = recencyFrequency[3];
        this.spendX = spend[0];
        this.spendM = spend[1];
        this.spendCount = spend[2];
        this.customers = customers;
        this.frequencies = DistinctValues.of(x);
        this.countByFrequency = frequencies.sumBy(0, count);
        this.times = DistinctValues.of(tx, T);
        this.spendFrequencies = DistinctValues.of(spendX);
        this.spendCountByFrequency = spendFrequencies.sumBy(0, spendCount);
        this.logSpendM = new double[spendM.length];
        for (int i = 0; i < spendM.length; i++) {
            logSpendM[i] = Math.log(spendM[i]);
        }
    }

    /** Summaries without monetary values, enough for {@link BgNbdModel} and {@link ParetoNbdModel}. */
    public static CustomerSummaries of(double[] x, double[] tx, double[] T) {
        validate(x, tx, T, null);
        return new CustomerSummaries(compress(x, tx, T), new double[3][0], x.length);
    }

    /**
     * Summaries that keep every customer as its own tuple with count 1, as a fit without compression
     * would see them: the baseline against which a benchmark measures what compression saves. A fit
     * gives the same estimates as on {@link #of(double[], double[], double[])}.
     */
    public static CustomerSummaries uncompressed(double[] x, double[] tx, double[] T) {
        validate(x, tx, T, null);
        double[] ones = new double[x.length];
        Arrays.fill(ones, 1);
        return new CustomerSummaries(new double[][] {x.clone(), tx.clone(), T.clone(), ones}, new double[3][0],
                x.length);
    }

    /**
     * Summaries with the mean repeat-transaction value m_x, which {@link GammaGammaModel} fits on the
     * customers with x > 0 (m_x is ignored, and may be 0, when x = 0).
     */
    public static CustomerSummaries of(double[] x, double[] tx, double[] T, double[] mx) {
        validate(x, tx, T, mx);
        int repeaters = 0;
        for (double xi : x) {
            if (xi > 0) {
                repeaters++;
            }
        }
        double[] rx = new double[repeaters];
        double[] rm = new double[repeaters];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (x[i] > 0) {
                rx[j] = x[i];
                rm[j++] = mx[i];
            }
        }
        return new CustomerSummaries(compress(x, tx, T), compress(rx, rm), x.length);
    }

    /** Number of customers summarised. */
    public int customers() {
        return customers;
    }

    /** Number of distinct (x, t_x, T) tuples, the cost of one likelihood evaluation. */
    public int uniqueTuples() {
        return x.length;
    }

    /**
     * Every m-th tuple of each part (recency-frequency and spend), with m chosen so that a part keeps
     * at most {@value #SCREENING_TUPLES} tuples; this object itself when both parts are that small.
     * {@link MaximumLikelihood} runs its starts on it. Tuples are in order of first appearance, so
     * the sample spreads over the whole data.
     */
    CustomerSummaries screeningSample() {
        if (x.length <= SCREENING_TUPLES && spendX.length <= SCREENING_TUPLES) {
            return this;
        }
        double[][] recencyFrequency = everyNth(x, tx, T, count);
        double sampled = 0;
        for (double c : recencyFrequency[3]) {
            sampled += c;
        }
        return new CustomerSummaries(recencyFrequency, everyNth(spendX, spendM, spendCount), (int) sampled);
    }

    private static double[][] everyNth(double[]... columns) {
        int n = columns[0].length;
        int step = Math.max(1, (n + SCREENING_TUPLES - 1) / SCREENING_TUPLES);
        double[][] out = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            out[c] = new double[(n + step - 1) / step];
            for (int i = 0, j = 0; i < n; i += step) {
                out[c][j++] = columns[c][i];
            }
        }
        return out;
    }

    /** Number of customers with x > 0 and a monetary value, the Gamma-Gamma sample. */
    public int repeatCustomers() {
        int n = 0;
        for (double c : spendCount) {
            n += (int) c;
        }
        return n;
    }

    private static void validate(double[] x, double[] tx, double[] T, double[] mx) {
        if (x.length != tx.length || x.length != T.length || (mx != null && mx.length != x.length)) {
            throw new PulseInputException(SOURCE, "columns x, t_x, T" + (mx == null ? "" : ", m_x")
                    + " must have the same length");
        }
        if (x.length == 0) {
            throw new PulseInputException(SOURCE, "no customers");
        }
        for (int i = 0; i < x.length; i++) {
            long line = i + 1L;
            if (!(x[i] >= 0) || x[i] != Math.rint(x[i])) {
                throw new PulseInputException(SOURCE, line, "x", "must be a whole number >= 0, got " + x[i]);
            }
            if (!(T[i] > 0) || Double.isInfinite(T[i])) {
                throw new PulseInputException(SOURCE, line, "T", "must be a finite number > 0, got " + T[i]);
            }
            if (!(tx[i] >= 0 && tx[i] <= T[i])) {
                throw new PulseInputException(SOURCE, line, "t_x", "must lie in [0, T], got " + tx[i]);
            }
            if (x[i] == 0 && tx[i] != 0) {
                throw new PulseInputException(SOURCE, line, "t_x", "must be 0 when x = 0, got " + tx[i]);
            }
            if (mx != null && x[i] > 0 && !(mx[i] > 0 && Double.isFinite(mx[i]))) {
                throw new PulseInputException(SOURCE, line, "m_x", "must be > 0 when x > 0, got " + mx[i]);
            }
        }
    }

    /**
     * Unique rows of the given columns, in order of first appearance, plus a column of counts. An
     * open-addressing table of row numbers keeps a million rows to primitive arrays: no boxed key per row.
     */
    private static double[][] compress(double[]... columns) {
        int n = columns[0].length;
        int capacity = Integer.highestOneBit(Math.max(4, n) * 2 - 1) * 2;
        int mask = capacity - 1;
        int[] table = new int[capacity];
        Arrays.fill(table, -1);
        int[] firstRow = new int[n];
        double[] counts = new double[n];
        int unique = 0;
        for (int i = 0; i < n; i++) {
            int slot = hash(columns, i) & mask;
            while (table[slot] >= 0 && !sameRow(columns, firstRow[table[slot]], i)) {
                slot = (slot + 1) & mask;
            }
            if (table[slot] < 0) {
                table[slot] = unique;
                firstRow[unique++] = i;
            }
            counts[table[slot]]++;
        }
        double[][] out = new double[columns.length + 1][unique];
        for (int u = 0; u < unique; u++) {
            for (int c = 0; c < columns.length; c++) {
                out[c][u] = columns[c][firstRow[u]];
            }
            out[columns.length][u] = counts[u];
        }
        return out;
    }

    private static int hash(double[][] columns, int row) {
        long h = 0;
        for (double[] column : columns) {
            h = h * 0x9E3779B97F4A7C15L + Double.hashCode(column[row] + 0.0);
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /** Compares as {@link Double#compare} does, except that 0.0 equals -0.0 ({@code + 0.0} above hashes both alike). */
    private static boolean sameRow(double[][] columns, int a, int b) {
        for (double[] column : columns) {
            if (column[a] != column[b]) {
                return false;
            }
        }
        return true;
    }
}
