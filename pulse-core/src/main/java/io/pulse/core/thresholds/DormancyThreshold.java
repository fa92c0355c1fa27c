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
        return of(logGaps.length, logGaps.length == 0 ? Double.NaN : GapPrior.mean(logGaps), prior, q);
    }

    /** The same from the user's gap count and mean log gap alone (NaN without gaps): what a stream keeps. */
    public static DormancyThreshold of(int n, double ownMeanLog, GapPrior prior, double q) {
        double own = n == 0 ? Double.NaN : ownMeanLog;
        double evidence = n * prior.tau0Squared();
        double denominator = evidence + prior.sigmaSquared();
        // With σ² = 0 every gap of a user is the same: their own mean is exact.
        double w = n == 0 ? 0 : denominator == 0 ? 1 : evidence / denominator;
        double m = n == 0 ? prior.mu0() : w * own + (1 - w) * prior.mu0();
        double sd = Math.sqrt(prior.sigmaSquared() + (1 - w) * prior.tau0Squared());
        return new DormancyThreshold(n, own, w, m, sd, Math.exp(m + NormalQuantile.of(q) * sd));
    }

    /**
     * How unusual {@code silentDays} of silence is for the user: its log standardised under their
     * predictive gap distribution, {@code (ln s − m) / √(σ² + v)}. The threshold at quantile q is
     * exceeded exactly when this passes z_q, so ranking users by it is ranking by personal thresholds
     * at every quantile at once. Minus infinity for a user active on the day itself.
     */
    public double unusualness(double silentDays) {
        return (Math.log(silentDays) - meanLog) / predictiveSd;
    }

    /**
     * The chance that a user silent for {@code silentDays} stays silent for {@code horizonDays} more:
     * either they stopped (prior chance {@code stop}, from {@link ReturnRates}) or their current gap
     * runs that long,
     * <pre>
     *   P = (stop + (1 − stop) S(s + h)) / (stop + (1 − stop) S(s))
     * </pre>
     * with S the survival of their predictive gap distribution. For the same history this grows with
     * the silence; for the same silence it is higher for a user who comes back often (S(s) small) and
     * for one with few active days (stop large).
     */
    public double churnRisk(int silentDays, int horizonDays, double stop) {
        double now = stop + (1 - stop) * survival(silentDays);
        return now == 0 ? 1 : (stop + (1 - stop) * survival(silentDays + horizonDays)) / now;
    }

    /** P(next gap > days) under the predictive distribution; 1 for no days. */
    public double survival(double days) {
        return days <= 0 ? 1 : 1 - NormalQuantile.cdf(unusualness(days));
    }

    /** Whether {@code silentDays} without activity is beyond the threshold. */
    public boolean exceededBy(double silentDays) {
        return silentDays > days;
    }
}
