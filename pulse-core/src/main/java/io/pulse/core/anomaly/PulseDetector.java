package io.pulse.core.anomaly;

/**
 * Pulse's detector: an ensemble of the robust z-score (spikes, seasonal baseline when there is enough
 * history) and EWMA-CUSUM (level shifts), whose larger score goes through {@link AnomalyLikelihood}, then
 * two rules that NAB's per-row false-positive cost rewards:
 * <ul>
 *   <li>a value beyond the range seen so far by more than {@code spatialTolerance} of that range scores 1
 *       (Numenta's "spatial anomaly" rule in NAB's {@code numenta_detector.py});
 *   <li>after a score of at least {@code alarmLevel}, the next {@code quietRows} rows are capped at
 *       {@code quietCap}: one alarm per episode, as nupic's {@code _filterLikelihoods} caps a run of red
 *       likelihoods at yellow, but for longer.
 * </ul>
 */
public final class PulseDetector implements Detector {

    /** The hyper-parameters, one setting for every series (NAB forbids per-file tuning). */
    public record Settings(int history, boolean seasonal, double zHalf, double cusumAlpha, double cusumK,
                           double cusumH, double cusumWeight, int shortWindow, int learning, int historic,
                           double spatialTolerance, double alarmLevel, int quietRows, double quietCap) {

        /** The setting chosen on the NAB corpus as a whole (docs/nab.md). */
        public static Settings defaults() {
            return new Settings(256, true, 4.0, 0.01, 0.5, 8.0, 0.5, 40, 300, 5000, 0.05, 0.4, 300, 0.3);
        }
    }

    private final Settings settings;
    private final RobustZScore z;
    private final EwmaCusum cusum;
    private final AnomalyLikelihood likelihood;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long seen;
    private long quietUntil = -1;

    public PulseDetector(Settings s) {
        this.settings = s;
        this.z = new RobustZScore(s.history(), s.seasonal(), s.zHalf());
        this.cusum = new EwmaCusum(s.cusumAlpha(), s.cusumK(), s.cusumH());
        this.likelihood = new AnomalyLikelihood(s.shortWindow(), s.learning(), s.historic());
    }

    public PulseDetector() {
        this(Settings.defaults());
    }

    @Override
    public double score(long epochSecond, double value) {
        seen++;
        double raw = Math.max(z.score(epochSecond, value), settings.cusumWeight() * cusum.score(epochSecond, value));
        double out = likelihood.update(raw);
        if (seen > settings.learning() && max > min) {
            double tolerance = (max - min) * settings.spatialTolerance();
            if (value > max + tolerance || value < min - tolerance) {
                out = 1.0;
            }
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (seen <= quietUntil) {
            return Math.min(out, settings.quietCap());
        }
        if (out >= settings.alarmLevel()) {
            quietUntil = seen + settings.quietRows();
        }
        return out;
    }
}
