package io.pulse.core.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The Pareto/NBD log-likelihood of note 008 summed over {@link CustomerSummaries}, with its gradient
 * in (r, alpha, s, beta). One customer's term is head + ln(exp(stays) + exp(leaves)) with
 *
 * <pre>
 *   head   = ln Gamma(r+x) - ln Gamma(r) + r ln alpha + s ln beta
 *   stays  = -(r+x) ln(alpha+T) - s ln(beta+T)
 *   leaves = ln s - ln(r+s+x) + ln A0,   A0 = exp(u(t_x)) - exp(u(T)),
 *   u(y)   = ln 2F1(r+s+x, b2; r+s+x+1; z(y)) - (r+s+x) ln(m+y)
 * </pre>
 *
 * (m, b2 and z(y) as in {@link ParetoNbdParams}). The gradient is analytic, not finite differences:
 * the derivatives of 2F1 in its parameters and argument come from the same series
 * ({@link SpecialFunctions#hyp2f1WithDerivatives}), and d ln A0 = (du(t_x) - q du(T)) / (1 - q) with
 * q = exp(u(T) - u(t_x)). The ln Gamma terms are summed once per distinct x and the logs of alpha + t
 * and beta + t once per distinct time; the two series remain per tuple, since they depend on x and a
 * time together, and are spread over all cores in chunks.
 */
final class ParetoNbdLikelihood implements LogLikelihood {

    /** Two series of tens of terms per tuple: small chunks already pay for a thread. */
    private static final int CHUNK = 1_024;

    private final CustomerSummaries data;
    private final int[] txOf;
    private final int[] tOf;

    ParetoNbdLikelihood(CustomerSummaries data) {
        this.data = data;
        this.txOf = data.times.index()[0];
        this.tOf = data.times.index()[1];
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        Point at = new Point(theta[0], theta[1], theta[2], theta[3], data.times.values());
        boolean wantGradient = gradient != null;
        double r = at.r, s = at.s;
        double[] xs = data.frequencies.values();
        double[] nx = data.countByFrequency;
        double lgR = logGamma(r), psiR = wantGradient ? digamma(r) : 0;
        double customers = data.customers();
        double sum = customers * (r * Math.log(at.alpha) + s * Math.log(at.beta));
        double[] g = {customers * Math.log(at.alpha), customers * r / at.alpha, customers * Math.log(at.beta),
            customers * s / at.beta};
        for (int j = 0; j < xs.length; j++) {
            sum += nx[j] * (logGamma(r + xs[j]) - lgR);
            if (wantGradient) {
                g[0] += nx[j] * (digamma(r + xs[j]) - psiR);
            }
        }
        double lnS = Math.log(s);
        double[] perTuple = TupleSums.over(data.x.length, CHUNK, 5, (from, to, sums) -> {
            double[] du1 = new double[4];
            double[] du2 = new double[4];
            double[] hyp = new double[5];
            for (int i = from; i < to; i++) {
                double x = data.x[i], n = data.count[i], rsx = r + s + x;
                int kT = tOf[i];
                double stays = -(r + x) * at.lnAlphaT[kT] - s * at.lnBetaT[kT];
                double u1 = at.u(x, txOf[i], wantGradient ? du1 : null, hyp);
                double u2 = at.u(x, kT, wantGradient ? du2 : null, hyp);
                double q = Math.exp(u2 - u1);
                double leaves = lnS - Math.log(rsx) + u1 + Math.log1p(-q);
                double max = Math.max(stays, leaves);
                double e = Math.exp(Math.min(stays, leaves) - max);
                sums[0] += n * (max + Math.log1p(e));
                if (!wantGradient) {
                    continue;
                }
                double wLeaves = leaves >= stays ? 1 / (1 + e) : e / (1 + e);
                double wStays = 1 - wLeaves;
                sums[1] -= n * wStays * at.lnAlphaT[kT];
                sums[2] -= n * wStays * (r + x) / (at.alpha + data.T[i]);
                sums[3] -= n * wStays * at.lnBetaT[kT];
                sums[4] -= n * wStays * s / (at.beta + data.T[i]);
                if (wLeaves > 0) {
                    for (int k = 0; k < 4; k++) {
                        sums[k + 1] += n * wLeaves * (du1[k] - q * du2[k]) / (1 - q);
                    }
                    sums[1] -= n * wLeaves / rsx;
                    sums[3] += n * wLeaves * (1 / s - 1 / rsx);
                }
            }
        });
        sum += perTuple[0];
        for (int k = 0; k < 4; k++) {
            g[k] += perTuple[k + 1];
        }
        if (wantGradient) {
            System.arraycopy(g, 0, gradient, 0, 4);
        }
        return sum;
    }

    /** The parameters and what depends on them and a time alone. */
    private static final class Point {
        final double r, alpha, s, beta;
        final boolean alphaLarger;
        final double m, diff;
        final double[] times, lnAlphaT, lnBetaT;

        Point(double r, double alpha, double s, double beta, double[] times) {
            this.r = r;
            this.alpha = alpha;
            this.s = s;
            this.beta = beta;
            this.alphaLarger = alpha >= beta;
            this.m = Math.max(alpha, beta);
            this.diff = Math.abs(alpha - beta);
            this.times = times;
            this.lnAlphaT = new double[times.length];
            this.lnBetaT = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                lnAlphaT[k] = Math.log(alpha + times[k]);
                lnBetaT[k] = Math.log(beta + times[k]);
            }
        }

        /**
         * u(y) at the k-th distinct time, and when {@code du} is not null its derivatives in (r, alpha,
         * s, beta): the 2F1 ones by the chain rule through a = r+s+x, b2, c = a+1 and z, plus those of
         * -(r+s+x) ln(m+y). NaN when the series does not converge.
         */
        double u(double x, int k, double[] du, double[] hyp) {
            double y = times[k], rsx = r + s + x, my = m + y;
            double lnMy = alphaLarger ? lnAlphaT[k] : lnBetaT[k];
            double b2 = alphaLarger ? s + 1 : r + x;
            double z = diff / my;
            if (du == null) {
                return Math.log(SpecialFunctions.hyp2f1(rsx, b2, rsx + 1, z)) - rsx * lnMy;
            }
            SpecialFunctions.hyp2f1WithDerivatives(rsx, b2, rsx + 1, z, hyp);
            double f = hyp[0], dA = hyp[1], dB = hyp[2], dC = hyp[3], dz = hyp[4];
            double zAlpha = alphaLarger ? (beta + y) / (my * my) : -1 / my;
            double zBeta = alphaLarger ? -1 / my : (alpha + y) / (my * my);
            du[0] = (dA + (alphaLarger ? 0 : dB) + dC) / f - lnMy;
            du[1] = dz * zAlpha / f - (alphaLarger ? rsx / my : 0);
            du[2] = (dA + (alphaLarger ? dB : 0) + dC) / f - lnMy;
            du[3] = dz * zBeta / f - (alphaLarger ? 0 : rsx / my);
            return Math.log(f) - rsx * lnMy;
        }
    }
}
