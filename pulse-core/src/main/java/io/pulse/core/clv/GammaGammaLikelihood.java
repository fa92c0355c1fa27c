package io.pulse.core.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The Gamma-Gamma log-likelihood of FH13 summed over the repeat customers of {@link
 * CustomerSummaries}, with its gradient in (p, q, gamma). One customer's term and its derivatives:
 *
 * <pre>
 *   ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + px ln x + (px-1) ln m - (px+q) ln(gamma + x m)
 *   d/dp     = x [psi(px+q) - psi(px) + ln x + ln m - ln(gamma + x m)]
 *   d/dq     = psi(px+q) - psi(q) + ln gamma - ln(gamma + x m)
 *   d/dgamma = q/gamma - (px+q)/(gamma + x m)
 * </pre>
 *
 * The gamma functions depend on x alone and are summed once per distinct x; ln m is kept by the summaries.
 */
final class GammaGammaLikelihood implements LogLikelihood {

    private final CustomerSummaries data;

    GammaGammaLikelihood(CustomerSummaries data) {
        this.data = data;
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        double p = theta[0], q = theta[1], gamma = theta[2];
        boolean wantGradient = gradient != null;
        double[] xs = data.spendFrequencies.values();
        double[] nx = data.spendCountByFrequency;
        double lgQ = logGamma(q), lnGamma = Math.log(gamma);
        double psiQ = wantGradient ? digamma(q) : 0;
        double sum = 0, dp = 0, dq = 0, dGamma = 0;
        for (int j = 0; j < xs.length; j++) {
            double x = xs[j], px = p * x, lnX = Math.log(x);
            sum += nx[j] * (logGamma(px + q) - logGamma(px) - lgQ + q * lnGamma + px * lnX);
            if (wantGradient) {
                double psiPxq = digamma(px + q);
                dp += nx[j] * x * (psiPxq - digamma(px) + lnX);
                dq += nx[j] * (psiPxq - psiQ + lnGamma);
                dGamma += nx[j] * q / gamma;
            }
        }
        for (int i = 0; i < data.spendX.length; i++) {
            double x = data.spendX[i], n = data.spendCount[i], lnM = data.logSpendM[i];
            double px = p * x, total = gamma + x * data.spendM[i], lnTotal = Math.log(total);
            sum += n * ((px - 1) * lnM - (px + q) * lnTotal);
            if (wantGradient) {
                dp += n * x * (lnM - lnTotal);
                dq -= n * lnTotal;
                dGamma -= n * (px + q) / total;
            }
        }
        if (wantGradient) {
            gradient[0] = dp;
            gradient[1] = dq;
            gradient[2] = dGamma;
        }
        return sum;
    }
}
