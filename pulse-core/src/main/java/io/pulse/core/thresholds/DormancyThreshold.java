package io.pulse.core.thresholds;

/**
 * A user's dormancy threshold: the number of days without activity that is unusual for them.
 *
 * <p>Normal-normal shrinkage of their mean log gap toward the segment's {@link GapPrior}: with
 * {@code n} gaps of mean log {@code x̄}, the posterior of {@code θ} is normal with
 * <pre>
 *   w = n τ0² / (n τ0² + σ²)            (= n / (n + σ²/τ0²), the weight on their own gaps)
 *   m = w x̄ + (1 − w) μ0                 (posterior mean log gap)
 *   v = (1 − w) τ0²                      (posterior variance, = 1 / (1/τ0² + n/σ²))
 * </pre>
 * and their next log gap is normal N(m, σ² + v) (posterior predictive). The threshold is its
 * q-quantile, back on the scale of days: {@code exp(m + z_q √(σ² + v))}. With no gap, w = 0 and this
 * is the segment's threshold {@code exp(μ0 + z_q √(σ² + τ0²))}; with many, w → 1, v → 0 and it tends
 * to their own {@code exp(x̄ + z_q σ)}. The spread σ² is the segment's, not the user's own: a gap
 * variance per user would need a second prior (inverse gamma) and is left for later.
 *
 * @param gaps the user's gaps (active days − 1, or 0)
 * @param ownMeanLog x̄, NaN without gaps
 * @param weight w, the share of the posterior mean that comes from the user's own gaps
 * @param meanLog m
 * @param predictiveSd √(σ² + v)
 * @param days the threshold in days
 */
public record DormancyThreshold(int gaps, double ownMeanLog, double weight, double meanLog, double predictiveSd,
        double days) {

    public static DormancyThreshold of(double[] logGaps, GapPrior prior, double q) {
        int n = logGaps.length;
        double own = n == 0 ? Double.NaN : GapPrior.mean(logGaps);
        double evidence = n * prior.tau0Squared();
        double denominator = evidence + prior.sigmaSquared();
        // With σ² = 0 every gap of a user is the same: their own mean is exact.
        double w = n == 0 ? 0 : denominator == 0 ? 1 : evidence / denominator;
        double m = n == 0 ? prior.mu0() : w * own + (1 - w) * prior.mu0();
        double sd = Math.sqrt(prior.sigmaSquared() + (1 - w) * prior.tau0Squared());
        return new DormancyThreshold(n, own, w, m, sd, Math.exp(m + NormalQuantile.of(q) * sd));
    }

    /** Whether {@code silentDays} without activity is beyond the threshold. */
    public boolean exceededBy(double silentDays) {
        return silentDays > days;
    }
}
