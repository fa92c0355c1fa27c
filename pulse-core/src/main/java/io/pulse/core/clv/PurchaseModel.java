package io.pulse.core.clv;

/**
 * A fitted model of how many purchases a customer makes and whether they are still alive: BG/NBD or
 * Pareto/NBD. {@link CustomerLifetimeValue} needs nothing more from either. Under both, a
 * customer's expected purchases are P(alive) times what they would buy if alive (FHL05a eq. 10;
 * SMC87), which is how the conditional expectation is built here.
 */
public sealed interface PurchaseModel permits BgNbdParams, ParetoNbdParams {

    /** Probability that a customer with history (x, t_x, T) is alive at T. */
    double probabilityAlive(double x, double tx, double T);

    /** Expected repeat purchases in (T, T + t] of a customer with x repeat purchases who is alive at T. */
    double expectedPurchasesIfAlive(double t, double x, double T);

    /** Expected repeat purchases in (T, T + t] of a customer with history (x, t_x, T). */
    default double conditionalExpectedPurchases(double t, double x, double tx, double T) {
        return expectedPurchasesIfAlive(t, x, T) * probabilityAlive(x, tx, T);
    }

    /**
     * {@link #conditionalExpectedPurchases(double, double, double, double)} at each of several
     * horizons, with P(alive) (two 2F1 series for the Pareto/NBD) computed once.
     */
    default double[] conditionalExpectedPurchases(double[] t, double x, double tx, double T) {
        double alive = probabilityAlive(x, tx, T);
        double[] expected = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            expected[k] = expectedPurchasesIfAlive(t[k], x, T) * alive;
        }
        return expected;
    }

    /** Expected repeat purchases of a new customer in (0, t]. */
    double expectedPurchases(double t);

    /** The log-likelihood of the data the model was fitted on; NaN when not fitted here. */
    double logLikelihood();
}
