package io.pulse.core.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The BG/NBD log-likelihood of FHL05a eq. (6), summed over {@link CustomerSummaries}, with its
 * gradient in (r, alpha, a, b). One customer's term is ln A1 + ln A2 + ln(A3 + delta_{x>0} A4) with
 *
 * <pre>
 *   ln A1 = ln Gamma(r+x) - ln Gamma(r) + r ln alpha          d/dr = psi(r+x) - psi(r) + ln alpha, d/dalpha = r/alpha
 *   ln A2 = ln B(a, b+x) - ln B(a, b)                          d/da = psi(a+b) - psi(a+b+x),
 *                                                              d/db = psi(a+b) + psi(b+x) - psi(b) - psi(a+b+x)
 *   ln A3 = -(r+x) ln(alpha+T)                                 d/dr = -ln(alpha+T), d/dalpha = -(r+x)/(alpha+T)
 *   ln A4 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x)             d/da = 1/a, d/db = -1/(b+x-1), and as ln A3 at t_x
 * </pre>
 *
 * and the last term's derivative is the A3/A4-weighted mean of theirs. ln A1 and ln A2 depend on x
 * alone, so they are summed once per distinct x; ln(alpha + t) and 1/(alpha + t) once per distinct
 * time. What remains per tuple is one exp, one log and one division.
 */
final class BgNbdLikelihood implements LogLikelihood {

    private final CustomerSummaries data;
    private final int[] xOf;
    private final int[] txOf;
    private final int[] tOf;

    BgNbdLikelihood(CustomerSummaries data) {
        this.data = data;
        this.xOf = data.frequencies.index()[0];
        this.txOf = data.times.index()[0];
        this.tOf = data.times.index()[1];
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];
        boolean wantGradient = gradient != null;
        double[] xs = data.frequencies.values();
        double[] nx = data.countByFrequency;
        double lnA = Math.log(a);
        double lgR = logGamma(r), lgAb = logGamma(a + b), lgB = logGamma(b);
        double psiR = wantGradient ? digamma(r) : 0, psiAb = wantGradient ? digamma(a + b) : 0;
        double psiB = wantGradient ? digamma(b) : 0;
        double sum = 0, dr = 0, dAlpha = 0, dA = 0, dB = 0;
        double[] lnB1 = new double[xs.length];
        double[] inverseB1 = new double[xs.length];
        for (int j = 0; j < xs.length; j++) {
            double x = xs[j];
            sum += nx[j] * (logGamma(r + x) - lgR + lgAb + logGamma(b + x) - lgB - logGamma(a + b + x));
            lnB1[j] = x > 0 ? Math.log(b + x - 1) : Double.NaN;
            inverseB1[j] = 1 / (b + x - 1);
            if (wantGradient) {
                double psiAbx = digamma(a + b + x);
                dr += nx[j] * (digamma(r + x) - psiR);
                dA += nx[j] * (psiAb - psiAbx);
                dB += nx[j] * (psiAb + digamma(b + x) - psiB - psiAbx);
            }
        }
        double customers = data.customers();
        sum += customers * r * Math.log(alpha);
        dr += customers * Math.log(alpha);
        dAlpha += customers * r / alpha;

        double[] times = data.times.values();
        double[] lnAlphaT = new double[times.length];
        double[] inverseAlphaT = new double[times.length];
        for (int k = 0; k < times.length; k++) {
            lnAlphaT[k] = Math.log(alpha + times[k]);
            inverseAlphaT[k] = 1 / (alpha + times[k]);
        }
        double[] perTuple = TupleSums.over(data.x.length, 5, (from, to, sums) -> {
            double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
            for (int i = from; i < to; i++) {
                double x = data.x[i], n = data.count[i];
                int kT = tOf[i];
                double lnA3 = -(r + x) * lnAlphaT[kT];
                if (x == 0) {
                    ll += n * lnA3;
                    gr -= n * lnAlphaT[kT];
                    gAlpha -= n * r * inverseAlphaT[kT];
                    continue;
                }
                int kTx = txOf[i];
                double lnA4 = lnA - lnB1[xOf[i]] - (r + x) * lnAlphaT[kTx];
                double max = Math.max(lnA3, lnA4);
                double e = Math.exp(Math.min(lnA3, lnA4) - max);
                // log, not log1p: the error is 1e-16 absolute beside max, and log is a JIT intrinsic, log1p is not.
                ll += n * (max + Math.log(1 + e));
                if (wantGradient) {
                    double w4 = (lnA4 >= lnA3 ? 1 : e) / (1 + e);
                    double w3 = 1 - w4;
                    gr -= n * (w3 * lnAlphaT[kT] + w4 * lnAlphaT[kTx]);
                    gAlpha -= n * (r + x) * (w3 * inverseAlphaT[kT] + w4 * inverseAlphaT[kTx]);
                    ga += n * w4;
                    gb -= n * w4 * inverseB1[xOf[i]];
                }
            }
            sums[0] += ll;
            sums[1] += gr;
            sums[2] += gAlpha;
            sums[3] += ga;
            sums[4] += gb;
        });
        sum += perTuple[0];
        if (wantGradient) {
            gradient[0] = dr + perTuple[1];
            gradient[1] = dAlpha + perTuple[2];
            gradient[2] = dA + perTuple[3] / a;
            gradient[3] = dB + perTuple[4];
        }
        return sum;
    }
}
