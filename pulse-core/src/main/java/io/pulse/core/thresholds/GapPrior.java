package io.pulse.core.thresholds;

/**
 * A segment's log-normal model of the gaps between active days, the prior each member's own gaps are
 * shrunk toward. A user's log gaps {@code x_ij} are normal around their own mean log gap
 * {@code θ_i} with within-user variance {@code σ²}; the {@code θ_i} of a segment are normal around
 * {@code μ0} with between-user variance {@code τ0²}.
 *
 * <p>Fitted by the method of moments (no likelihood to maximise, so it is closed form and never fails):
 * <ul>
 *   <li>{@code σ²} = Σ_i Σ_j (x_ij − x̄_i)² / Σ_i (n_i − 1), the pooled within-user variance of the
 *       users with two gaps or more;</li>
 *   <li>{@code μ0} = the mean of the user means x̄_i over users with a gap;</li>
 *   <li>{@code τ0²} = max(0, s² − σ² · mean(1/n_i)), where s² is the sample variance of the x̄_i:
 *       a user mean varies by τ0² + σ²/n_i around μ0, so the noise of the means is taken off
 *       their spread (floored at 0 when the noise explains all of it: then everyone gets μ0).</li>
 * </ul>
 *
 * @param users users with at least one gap (two active days)
 */
public record GapPrior(double mu0, double tau0Squared, double sigmaSquared, int users) {

    /** Fits the prior to the log gaps of each user of a segment (users without gaps are skipped). */
    public static GapPrior fit(double[][] logGaps) {
        int[] n = new int[logGaps.length];
        double[] means = new double[logGaps.length];
        double[] squares = new double[logGaps.length];
        for (int i = 0; i < logGaps.length; i++) {
            double[] x = logGaps[i];
            n[i] = x.length;
            if (x.length == 0) {
                continue;
            }
            means[i] = mean(x);
            for (double v : x) {
                squares[i] += (v - means[i]) * (v - means[i]);
            }
        }
        return fit(n, means, squares, logGaps.length);
    }

    /**
     * The same fit from each user's moments alone: gap count {@code n[i]}, mean log gap {@code means[i]} and
     * sum of squared deviations from it {@code squares[i]} (Welford's M2), for users {@code 0..size-1}. What a
     * stream keeps per user instead of every gap.
     */
    public static GapPrior fit(int[] n, double[] means, double[] squares, int size) {
        int m = 0;
        double sumMeans = 0;
        double sumInverseN = 0;
        double within = 0;
        long withinDf = 0;
        for (int i = 0; i < size; i++) {
            if (n[i] == 0) {
                continue;
            }
            within += squares[i];
            withinDf += n[i] - 1;
            m++;
            sumMeans += means[i];
            sumInverseN += 1.0 / n[i];
        }
        if (m == 0) {
            return new GapPrior(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mu0 = sumMeans / m;
        double sigmaSquared = withinDf == 0 ? 0 : within / withinDf;
        double spread = 0;
        for (int i = 0; i < size; i++) {
            if (n[i] > 0) {
                spread += (means[i] - mu0) * (means[i] - mu0);
            }
        }
        double s2 = m < 2 ? 0 : spread / (m - 1);
        return new GapPrior(mu0, Math.max(0, s2 - sigmaSquared * sumInverseN / m), sigmaSquared, m);
    }

    /** The threshold of a user with no gap of their own: the q-quantile of the prior predictive gap. */
    public double segmentThresholdDays(double q) {
        return DormancyThreshold.of(new double[0], this, q).days();
    }

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
