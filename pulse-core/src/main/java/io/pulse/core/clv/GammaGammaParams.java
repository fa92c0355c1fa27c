package io.pulse.core.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * A fitted (or published) Gamma-Gamma spend model, Fader and Hardie (2013), brucehardie.com/notes/025
 * (FH13), as used in FHL05b: each transaction value z ~ Gamma(shape p, rate nu), so the mean m_x of x
 * of them is Gamma(px, nu x); across customers nu ~ Gamma(shape q, rate gamma).
 *
 * @param logLikelihood the log-likelihood of the data at these parameters; NaN when not fitted here
 */
public record GammaGammaParams(double p, double q, double gamma, double logLikelihood) {

    public GammaGammaParams {
        if (!(p > 0 && q > 0 && gamma > 0)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be > 0: p=" + p + ", q=" + q
                    + ", gamma=" + gamma);
        }
    }

    /** The published parameters with no log-likelihood attached. */
    public static GammaGammaParams of(double p, double q, double gamma) {
        return new GammaGammaParams(p, q, gamma, Double.NaN);
    }

    /**
     * Log density of the mean m_x of x > 0 transactions (FH13): Gamma(px+q)/(Gamma(px) Gamma(q))
     * gamma^q x^(px) m_x^(px-1) / (gamma + x m_x)^(px+q). It is the full density of the mean, with
     * the x^(px) and m_x^(px-1) factors that CLVTools also keeps.
     */
    public double individualLogLikelihood(double x, double mx) {
        double px = p * x;
        return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + px * Math.log(x)
                + (px - 1) * Math.log(mx) - (px + q) * Math.log(gamma + x * mx);
    }

    /**
     * Expected mean transaction value of a customer with x repeat transactions of mean m_x (FH13):
     * (gamma + x m_x) p / (px + q - 1), a weighted average of the population mean p gamma/(q-1) and
     * the observed m_x. With x = 0 it is the population mean; needs q > 1 then.
     */
    public double conditionalExpectedAverageValue(double x, double mx) {
        return (gamma + x * mx) * p / (p * x + q - 1);
    }
}
