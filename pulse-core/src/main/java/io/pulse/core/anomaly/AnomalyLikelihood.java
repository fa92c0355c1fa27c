package io.pulse.core.anomaly;

import org.apache.commons.math3.special.Erf;

/**
 * Numenta's anomaly likelihood (Ahmad, Lavin, Purdy and Agha 2017, §3.3; nupic
 * {@code anomaly_likelihood.py}): a raw score matters only when it is unusual <em>for this series</em>.
 * The mean of the last {@code shortWindow} raw scores is compared with a normal fitted to the history
 * of such means; the likelihood is one minus its two-sided tail probability, reported on Numenta's log
 * scale log(1.0000000001 - L) / log(1e-10) so that 0.5 means L = 1 - 10^-5.
 *
 * <p>Bounded memory: the short window is a ring; the history is an exponentially weighted mean and
 * variance with an effective length of {@code historic} rows instead of Numenta's 8,640-value list.
 * The floors on mean (0.03) and variance (0.0003) are Numenta's, so a series whose raw scores are all
 * near zero does not turn its first small bump into a certainty.
 */
public final class AnomalyLikelihood {

    private static final double MIN_MEAN = 0.03;
    private static final double MIN_VARIANCE = 0.0003;
    private static final double LOG_1E_10 = Math.log(1e-10);

    private final double[] recent;
    private final int learning;
    private final double alpha;
    private double recentSum;
    private int head;
    private long seen;
    private double mean;
    private double variance;

    /**
     * @param shortWindow raw scores averaged into the statistic (Numenta: 10)
     * @param learning rows before a likelihood is reported (0.5 until then)
     * @param historic effective length of the history the normal is fitted to
     */
    public AnomalyLikelihood(int shortWindow, int learning, int historic) {
        this.recent = new double[shortWindow];
        this.learning = learning;
        this.alpha = 1.0 / historic;
    }

    /** Consumes the next raw score in [0, 1] and returns the log-scaled likelihood in [0, 1]. */
    public double update(double raw) {
        seen++;
        recentSum += raw - recent[head];
        recent[head] = raw;
        head = (head + 1) % recent.length;
        double average = recentSum / Math.min(seen, recent.length);
        double likelihood = 0.5;
        if (seen > learning) {
            double m = Math.max(mean, MIN_MEAN);
            double sd = Math.sqrt(Math.max(variance, MIN_VARIANCE));
            double z = Math.abs(average - m) / sd;
            likelihood = 1.0 - 0.5 * Erf.erfc(z / Math.sqrt(2));
        }
        double a = Math.max(alpha, 1.0 / seen);
        double d = average - mean;
        mean += a * d;
        variance = (1 - a) * (variance + a * d * d);
        return logScale(likelihood);
    }

    /** Numenta's {@code computeLogLikelihood}. */
    public static double logScale(double likelihood) {
        return Math.log(1.0000000001 - likelihood) / LOG_1E_10;
    }
}
