package io.pulse.core.anomaly;

/**
 * Two-sided CUSUM (Page 1954) on residuals standardised by an exponentially weighted mean and variance,
 * for level shifts: a run of moderate deviations in one direction accumulates until it crosses
 * {@code h}, where a single spike does not (each row adds at most h/2). The EWMA is slow
 * ({@code alpha}) so a shift is not absorbed before it is seen; after an alarm the sums restart and the
 * mean jumps to the new level.
 *
 * <p>The score is S / (S + h) with S the larger of the two sums: 0.5 at the alarm level.
 */
public final class EwmaCusum implements Detector {

    private static final int WARM_UP = 30;

    private final double alpha;
    private final double k;
    private final double h;
    private double mean;
    private double variance;
    private double up;
    private double down;
    private long seen;

    /**
     * @param alpha EWMA weight of a new value (mean and variance)
     * @param k allowance per row in standard deviations (half the shift to detect, as usual for CUSUM)
     * @param h alarm level in standard deviations
     */
    public EwmaCusum(double alpha, double k, double h) {
        this.alpha = alpha;
        this.k = k;
        this.h = h;
    }

    /** Detects shifts of about one standard deviation within a few dozen rows. */
    public EwmaCusum() {
        this(0.01, 0.5, 8.0);
    }

    @Override
    public double score(long epochSecond, double value) {
        seen++;
        if (seen == 1) {
            mean = value;
            return 0;
        }
        double sd = Math.sqrt(variance) + 1e-9 * Math.abs(mean) + 1e-12;
        // Winsorised at h/2 so one spike, however tall, cannot raise an alarm on its own: that is the
        // robust z-score's job, and a shift needs at least three rows in a row to show.
        double z = Math.max(-h / 2, Math.min(h / 2, (value - mean) / sd));
        double d = value - mean;
        // Warm-up: a larger weight until the moments mean something.
        double a = Math.max(alpha, 1.0 / seen);
        mean += a * d;
        variance = (1 - a) * (variance + a * d * d);
        if (seen <= WARM_UP) {
            return 0;
        }
        up = Math.max(0, up + z - k);
        down = Math.max(0, down - z - k);
        double s = Math.max(up, down);
        if (s > h) {
            up = 0;
            down = 0;
            mean = value;
        }
        return s / (s + h);
    }
}
