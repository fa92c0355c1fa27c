package io.pulse.core.clv;

import io.pulse.core.PulseInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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
 */
public final class CustomerSummaries {

    private static final String SOURCE = "customer summaries";

    final double[] x;
    final double[] tx;
    final double[] T;
    final double[] count;

    final double[] spendX;
    final double[] spendM;
    final double[] spendCount;

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
    }

    /** Summaries without monetary values, enough for {@link BgNbdModel} and {@link ParetoNbdModel}. */
    public static CustomerSummaries of(double[] x, double[] tx, double[] T) {
        validate(x, tx, T, null);
        return new CustomerSummaries(compress(x, tx, T), new double[3][0], x.length);
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

    /** Unique rows of the given columns, in order of first appearance, plus a column of counts. */
    private static double[][] compress(double[]... columns) {
        Map<Tuple, int[]> counts = new LinkedHashMap<>();
        int n = columns[0].length;
        for (int i = 0; i < n; i++) {
            double[] values = new double[columns.length];
            for (int c = 0; c < columns.length; c++) {
                values[c] = columns[c][i];
            }
            counts.computeIfAbsent(new Tuple(values), k -> new int[1])[0]++;
        }
        double[][] out = new double[columns.length + 1][counts.size()];
        int row = 0;
        for (Map.Entry<Tuple, int[]> e : counts.entrySet()) {
            for (int c = 0; c < columns.length; c++) {
                out[c][row] = e.getKey().values[c];
            }
            out[columns.length][row++] = e.getValue()[0];
        }
        return out;
    }

    /** Arrays compare by identity, so the key spells out value equality. */
    private record Tuple(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Tuple t && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
