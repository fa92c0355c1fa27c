package io.pulse.core.clv;

/** Numerics shared by the models: the Gauss hypergeometric series and log-sum-exp. */
final class SpecialFunctions {

    /**
     * Enough terms for |z| up to about 0.998 at double precision; beyond that the series is
     * abandoned rather than summed for seconds, and callers treat NaN as an impossible point.
     */
    private static final int MAX_TERMS = 20_000;
    private static final double EPSILON = 1e-15;

    private SpecialFunctions() {
    }

    /**
     * Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for |z| < 1 and c not a
     * non-positive integer. Summation stops once the remaining tail, bounded by a geometric series
     * with the current term ratio, is below 1e-15 of the sum.
     *
     * @return the sum, or NaN when the series has not converged within {@value #MAX_TERMS} terms
     */
    static double hyp2f1(double a, double b, double c, double z) {
        if (!(Math.abs(z) < 1)) {
            throw new IllegalArgumentException("2F1 series needs |z| < 1, got " + z);
        }
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0) {
                return sum;
            }
            double nextRatio = Math.abs((a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2)) * z);
            if (nextRatio < 1 && Math.abs(term) * nextRatio / (1 - nextRatio) <= EPSILON * Math.abs(sum)) {
                return sum;
            }
        }
        return Double.NaN;
    }

    /**
     * 2F1(a, b; c; z) and its partial derivatives in a, b, c and z, from the same power series. With
     * t_n = (a)_n (b)_n / ((c)_n n!) z^n, dt_n/da = t_n sum_{k<n} 1/(a+k) (likewise b, and c with a
     * minus sign) and dt_n/dz = n t_n / z, so each derivative is a second running sum beside the
     * series. The stopping rule bounds the tail of n t_n, the slowest of the five sums.
     *
     * @param out receives {2F1, d/da, d/db, d/dc, d/dz}; the value is NaN when the series has not
     *     converged within {@value #MAX_TERMS} terms
     */
    static void hyp2f1WithDerivatives(double a, double b, double c, double z, double[] out) {
        if (!(Math.abs(z) < 1)) {
            throw new IllegalArgumentException("2F1 series needs |z| < 1, got " + z);
        }
        if (z == 0) {
            out[0] = 1;
            out[1] = out[2] = out[3] = 0;
            out[4] = a * b / c;
            return;
        }
        double term = 1, sum = 1, sumA = 0, sumB = 0, sumC = 0, da = 0, db = 0, dc = 0, nTerms = 0;
        for (int n = 0; n < MAX_TERMS; n++) {
            sumA += 1 / (a + n);
            sumB += 1 / (b + n);
            sumC += 1 / (c + n);
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            da += term * sumA;
            db += term * sumB;
            dc -= term * sumC;
            nTerms += (n + 1) * term;
            double nextRatio = Math.abs((a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2)) * z);
            if (term == 0 || nextRatio < 1 && Math.abs(term) * (n + 2) * nextRatio / ((1 - nextRatio) * (1 - nextRatio))
                    <= EPSILON * Math.abs(sum)) {
                out[0] = sum;
                out[1] = da;
                out[2] = db;
                out[3] = dc;
                out[4] = nTerms / z;
                return;
            }
        }
        out[0] = Double.NaN;
    }

    /** log(exp(u) + exp(v)) without overflow or underflow; either argument may be -infinity. */
    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    /** log(exp(u) - exp(v)) for u >= v; -infinity when they are equal. */
    static double logDiffExp(double u, double v) {
        return u + Math.log1p(-Math.exp(v - u));
    }
}
