package io.pulse.core.clv;

/**
 * Maximum-likelihood fit of the Pareto/NBD model, Schmittlein, Morrison and Colombo (1987),
 * "Counting Your Customers: Who Are They and What Will They Do Next?", Management Science 33(1):1-24,
 * with the likelihood of Fader and Hardie (2005), brucehardie.com/notes/008.
 *
 * <p>The likelihood is flat along a ridge in (s, beta): restarts agree on the log-likelihood to about
 * 1e-4 but on the parameters only to 2-3 significant figures (BTYD reports beta = 11.656 to 11.658 on
 * CDNOW, CLVTools 11.672).
 *
 * <p>Fitted by BFGS on the analytic gradient ({@link ParetoNbdLikelihood}), whose 2F1 derivatives come
 * from the same series as the value. On the ridge a gradient method is the better choice, not the
 * worse: Nelder-Mead collapsed along it and needed restarts, while BFGS learns the ridge's curvature.
 */
public final class ParetoNbdModel {

    /** BTYD starts from (1, 1, 1, 1); the others add spread on both sides of the ridge. */
    private static final double[][] STARTS = {
        {1, 1, 1, 1}, {0.5, 10, 0.5, 10}, {1, 3, 1, 3},
    };

    private ParetoNbdModel() {
    }

    /** Fits r, alpha, s, beta from several starting points and keeps the best. */
    public static ParetoNbdParams fit(CustomerSummaries data) {
        double[] best = MaximumLikelihood.maximise(new ParetoNbdLikelihood(data),
                new ParetoNbdLikelihood(data.screeningSample()), STARTS);
        return new ParetoNbdParams(best[0], best[1], best[2], best[3], best[4]);
    }

    /** Log-likelihood of all customers in {@code data}; NaN where a 2F1 series did not converge. */
    public static double logLikelihood(ParetoNbdParams params, CustomerSummaries data) {
        return new ParetoNbdLikelihood(data).value(new double[] {params.r(), params.alpha(), params.s(), params.beta()});
    }
}
