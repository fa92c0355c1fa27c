package io.pulse.core.clv;

/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model, Fader and Hardie (2013), "The Gamma-Gamma
 * Model of Monetary Value", brucehardie.com/notes/025, on the customers with at least one repeat
 * transaction, using (x, m_x) with m_x the mean value of the repeat transactions. BFGS on the
 * analytic gradient ({@link GammaGammaLikelihood}) from each start.
 */
public final class GammaGammaModel {

    private static final double[][] STARTS = {
        {1, 1, 1}, {5, 5, 10}, {10, 2, 30},
    };

    private GammaGammaModel() {
    }

    /** Fits p, q, gamma from several starting points and keeps the best. */
    public static GammaGammaParams fit(CustomerSummaries data) {
        if (data.repeatCustomers() == 0) {
            throw new IllegalArgumentException("Gamma-Gamma needs monetary values of customers with x > 0");
        }
        double[] best = MaximumLikelihood.maximise(new GammaGammaLikelihood(data),
                new GammaGammaLikelihood(data.screeningSample()), STARTS);
        return new GammaGammaParams(best[0], best[1], best[2], best[3]);
    }

    /** Log-likelihood of the customers in {@code data} with x > 0, each weighted by its count. */
    public static double logLikelihood(GammaGammaParams params, CustomerSummaries data) {
        return new GammaGammaLikelihood(data).value(new double[] {params.p(), params.q(), params.gamma()});
    }
}
