package io.pulse.core.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * A fitted (or published) BG/NBD model, FHL05a: while alive a customer buys at Poisson rate lambda,
 * lambda ~ Gamma(shape r, rate alpha); after each purchase they drop out with probability p,
 * p ~ Beta(a, b). Times are in the unit the model was fitted in.
 *
 * @param logLikelihood the log-likelihood of the data at these parameters, eq. (6) summed over
 *     customers; NaN when the parameters were not fitted here
 */
public record BgNbdParams(double r, double alpha, double a, double b, double logLikelihood) implements PurchaseModel {

    public BgNbdParams {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("BG/NBD parameters must be > 0: r=" + r + ", alpha=" + alpha
                    + ", a=" + a + ", b=" + b);
        }
    }

    /** The published parameters with no log-likelihood attached. */
    public static BgNbdParams of(double r, double alpha, double a, double b) {
        return new BgNbdParams(r, alpha, a, b, Double.NaN);
    }

    /**
     * One customer's log-likelihood, FHL05a eq. (6), as ln A1 + ln A2 + ln(exp(ln A3) + delta_{x>0}
     * exp(ln A4)) so that (alpha + T)^-(r+x) cannot underflow for heavy buyers.
     */
    public double individualLogLikelihood(double x, double tx, double T) {
        double lnA1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
        double lnA2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
        double lnA3 = -(r + x) * Math.log(alpha + T);
        double lnA4 = x > 0
                ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx)
                : Double.NEGATIVE_INFINITY;
        return lnA1 + lnA2 + SpecialFunctions.logSumExp(lnA3, lnA4);
    }

    /**
     * Expected number of repeat purchases of a new customer in (0, t], FHL05a eq. (7):
     * (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]. Undefined at a = 1.
     */
    @Override
    public double expectedPurchases(double t) {
        double hyp = SpecialFunctions.hyp2f1(r, b, a + b - 1, t / (alpha + t));
        return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hyp);
    }

    /**
     * Expected repeat purchases in (T, T + t] of a customer with x repeat purchases alive at T, the
     * numerator of FHL05a eq. (10): (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
     * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]. Eq. (10) divides it by 1 + delta_{x>0} a/(b+x-1)
     * ((alpha+T)/(alpha+t_x))^(r+x), i.e. multiplies it by {@link #probabilityAlive}.
     */
    @Override
    public double expectedPurchasesIfAlive(double t, double x, double T) {
        double hyp = SpecialFunctions.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
        return (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp);
    }

    /**
     * Probability that a customer with history (x, t_x, T) is still alive at T (Fader, Hardie and Lee
     * 2008, note 021): 1 / (1 + delta_{x>0} a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)). Exactly 1 when
     * x = 0, since under the BG/NBD a customer can only drop out right after a purchase.
     */
    @Override
    public double probabilityAlive(double x, double tx, double T) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * P(X(t) = x) for a new customer, FHL05a eq. (8): B(a, b+x)/B(a, b) NB(x) + delta_{x>0}
     * B(a+1, b+x-1)/B(a, b) [1 - sum_{j<x} NB(j)], where NB(j) = Gamma(r+j)/(Gamma(r) j!)
     * (alpha/(alpha+t))^r (t/(alpha+t))^j is the NBD pmf. The bracket is the NBD upper tail; when it
     * is small it is summed directly instead of taken as 1 minus the head, which would cancel.
     */
    public double probabilityOfPurchases(double t, int x) {
        double logP = r * Math.log(alpha / (alpha + t));
        double logQ = Math.log(t / (alpha + t));
        double lnBetaB = logGamma(a + b) - logGamma(a) - logGamma(b);
        double first = Math.exp(lnBetaB + logGamma(a) + logGamma(b + x) - logGamma(a + b + x) + logNbd(x, logP, logQ));
        if (x == 0) {
            return first;
        }
        double head = 0;
        for (int j = 0; j < x; j++) {
            head += Math.exp(logNbd(j, logP, logQ));
        }
        double tail;
        if (head < 0.5) {
            tail = 1 - head;
        } else {
            tail = 0;
            for (int j = x; j < x + 100_000; j++) {
                double term = Math.exp(logNbd(j, logP, logQ));
                tail += term;
                if (term < 1e-17 * tail && j > x + (r + 1) * Math.exp(logQ) / (1 - Math.exp(logQ))) {
                    break;
                }
            }
        }
        double second = Math.exp(lnBetaB + logGamma(a + 1) + logGamma(b + x - 1) - logGamma(a + b + x));
        return first + second * tail;
    }

    private double logNbd(int j, double logP, double logQ) {
        return logGamma(r + j) - logGamma(r) - logGamma(j + 1.0) + logP + j * logQ;
    }
}
