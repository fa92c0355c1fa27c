package io.pulse.core.clv;

/**
 * Maximum-likelihood fit of the BG/NBD model, Fader, Hardie and Lee (2005), "Counting Your Customers
 * the Easy Way", Marketing Science 24(2):275-284. The likelihood is eq. (6), evaluated in logs
 * ({@link BgNbdParams#individualLogLikelihood}) and weighted by how many customers share each
 * (x, t_x, T) tuple. BFGS on the analytic gradient ({@link BgNbdLikelihood}) from each start.
 */
public final class BgNbdModel {

    /** FHL05a and BTYD start from (r, alpha, a, b) = (1, 1, 1, 1) and (1, 3, 1, 3); the rest add spread. */
    private static final double[][] STARTS = {
        {1, 1, 1, 1}, {1, 3, 1, 3}, {0.5, 10, 0.5, 5}, {2, 0.5, 2, 0.5},
    };

    private BgNbdModel() {
    }

    /** Fits r, alpha, a, b from several starting points and keeps the best. */
    public static BgNbdParams fit(CustomerSummaries data) {
        double[] best = MaximumLikelihood.maximise(new BgNbdLikelihood(data),
                new BgNbdLikelihood(data.screeningSample()), STARTS);
        return new BgNbdParams(best[0], best[1], best[2], best[3], best[4]);
    }

    /** Log-likelihood of all customers in {@code data} at {@code params}, FHL05a eq. (6) summed. */
    public static double logLikelihood(BgNbdParams params, CustomerSummaries data) {
        return new BgNbdLikelihood(data).value(new double[] {params.r(), params.alpha(), params.a(), params.b()});
    }
}
