package io.pulse.core.clv;

/**
 * Discounted customer lifetime value from a purchase model (BG/NBD or Pareto/NBD) and a Gamma-Gamma
 * spend model, in the spirit of FHL05b (which combines a purchase model with the Gamma-Gamma for CLV).
 *
 * <p>Over a horizon of H months, with u model time units per month and monthly discount rate d:
 *
 * <pre>
 *   CLV = E[M | x, m_x] * sum_{k=1..H} (E[Y(k u) | x, t_x, T] - E[Y((k-1) u) | x, t_x, T]) / (1 + d)^k
 * </pre>
 *
 * where E[Y(t) | ...] is the purchase model's conditional expectation (FHL05a eq. (10) for the
 * BG/NBD, SMC87 for the Pareto/NBD) and E[M | ...] the Gamma-Gamma conditional expected transaction
 * value (FH13). Purchases expected during month k are discounted as if made at its end. Spend and
 * purchases are assumed independent, as the Gamma-Gamma model does; with d = 0 the sum telescopes to
 * E[M] E[Y(H u)].
 */
public final class CustomerLifetimeValue {

    private CustomerLifetimeValue() {
    }

    /**
     * @param unitsPerMonth model time units in a month, e.g. 52 / 12 when the model was fitted in weeks
     * @param monthlyDiscountRate d, e.g. 0.01 for 1% a month
     */
    public static double discounted(PurchaseModel purchases, GammaGammaParams spend, double x, double tx, double T,
            double mx, int months, double unitsPerMonth, double monthlyDiscountRate) {
        double[] monthEnds = new double[months];
        for (int k = 1; k <= months; k++) {
            monthEnds[k - 1] = k * unitsPerMonth;
        }
        double[] cumulative = purchases.conditionalExpectedPurchases(monthEnds, x, tx, T);
        double sum = 0;
        double previous = 0;
        for (int k = 1; k <= months; k++) {
            sum += (cumulative[k - 1] - previous) / Math.pow(1 + monthlyDiscountRate, k);
            previous = cumulative[k - 1];
        }
        return spend.conditionalExpectedAverageValue(x, mx) * sum;
    }
}
