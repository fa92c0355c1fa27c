package io.pulse.core.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * A fitted (or published) Pareto/NBD model, Schmittlein, Morrison and Colombo (1987): while alive a
 * customer buys at Poisson rate lambda, lambda ~ Gamma(shape r, rate alpha), and lives an
 * exponential lifetime with rate mu, mu ~ Gamma(shape s, rate beta). Formulas follow Fader and Hardie
 * (2005), brucehardie.com/notes/008, which write the likelihood with a Gauss hypergeometric function.
 *
 * @param logLikelihood the log-likelihood of the data at these parameters; NaN when not fitted here
 */
public record ParetoNbdParams(double r, double alpha, double s, double beta, double logLikelihood)
        implements PurchaseModel {

    public ParetoNbdParams {
        if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) {
            throw new IllegalArgumentException("Pareto/NBD parameters must be > 0: r=" + r + ", alpha=" + alpha
                    + ", s=" + s + ", beta=" + beta);
        }
    }

    /** The published parameters with no log-likelihood attached. */
    public static ParetoNbdParams of(double r, double alpha, double s, double beta) {
        return new ParetoNbdParams(r, alpha, s, beta, Double.NaN);
    }

    /**
     * One customer's log-likelihood (note 008):
     * L = Gamma(r+x) alpha^r beta^s / Gamma(r) [1/((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) A0],
     * combined with log-sum-exp. NaN when the 2F1 series in A0 does not converge.
     */
    public double individualLogLikelihood(double x, double tx, double T) {
        double head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        double stays = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
        double leaves = Math.log(s) - Math.log(r + s + x) + logA0(x, tx, T);
        return head + SpecialFunctions.logSumExp(stays, leaves);
    }

    /**
     * Probability that a customer with history (x, t_x, T) is alive at T (note 008):
     * 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0).
     */
    @Override
    public double probabilityAlive(double x, double tx, double T) {
        double logOdds = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T)
                + s * Math.log(beta + T) + logA0(x, tx, T);
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * Expected repeat purchases in (T, T + t] of a customer with x repeat purchases alive at T (SMC87;
     * note 008): (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)], whose s -> 1
     * limit replaces the bracket over (s-1) by ln((beta+T+t)/(beta+T)).
     */
    @Override
    public double expectedPurchasesIfAlive(double t, double x, double T) {
        return (r + x) / (alpha + T) * (beta + T) * lifetimeFactor(Math.log((beta + T + t) / (beta + T)));
    }

    /** Expected repeat purchases of a new customer in (0, t] (SMC87): r beta/(alpha(s-1)) [1 - (beta/(beta+t))^(s-1)]. */
    @Override
    public double expectedPurchases(double t) {
        return r / alpha * beta * lifetimeFactor(Math.log((beta + t) / beta));
    }

    /** [1 - exp(-(s-1) u)] / (s-1), written with expm1 so that it tends smoothly to u as s -> 1. */
    private double lifetimeFactor(double u) {
        double k = s - 1;
        return Math.abs(k) < 1e-12 ? u : -Math.expm1(-k * u) / k;
    }

    /**
     * ln A0 of note 008. With m = max(alpha, beta), A0 = F(t_x)/(m+t_x)^(r+s+x) - F(T)/(m+T)^(r+s+x),
     * where F(y) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+y)) if alpha >= beta and
     * 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+y)) otherwise; choosing the larger rate keeps the
     * argument in [0, 1). The difference is taken in logs; it is -infinity when t_x = T.
     */
    private double logA0(double x, double tx, double T) {
        double rsx = r + s + x;
        boolean alphaLarger = alpha >= beta;
        double m = alphaLarger ? alpha : beta;
        double diff = Math.abs(alpha - beta);
        double b2 = alphaLarger ? s + 1 : r + x;
        double atTx = Math.log(SpecialFunctions.hyp2f1(rsx, b2, rsx + 1, diff / (m + tx))) - rsx * Math.log(m + tx);
        double atT = Math.log(SpecialFunctions.hyp2f1(rsx, b2, rsx + 1, diff / (m + T))) - rsx * Math.log(m + T);
        return SpecialFunctions.logDiffExp(atTx, atT);
    }
}
