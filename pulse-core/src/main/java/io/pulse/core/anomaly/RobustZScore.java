package io.pulse.core.anomaly;

/**
 * Robust z-score of each value against the median and MAD of the values before it (Hampel's
 * identifier; Rousseeuw and Croux 1993 for the 1.4826 consistency factor), so one spike cannot
 * inflate its own yardstick as it would a mean and standard deviation.
 *
 * <p>With {@code seasonal}, once two weeks of history exist, the baseline is the value's own
 * hour-of-week bucket (the same hour on the same weekday of the previous weeks) when that bucket has
 * enough values, which keeps a daily or weekly rhythm from looking like a spike. The score is
 * |z| / (|z| + zHalf): 0.5 at |z| = zHalf, approaching 1 for large deviations.
 */
public final class RobustZScore implements Detector {

    private static final double MAD_TO_SIGMA = 1.4826;
    private static final long HOUR = 3600;
    private static final long TWO_WEEKS = 14 * 24 * HOUR;
    private static final int BUCKET_VALUES = 64;
    private static final int BUCKET_MIN = 8;

    private final SlidingMedian window;
    private final SlidingMedian[] buckets;
    private final double zHalf;
    private long first = Long.MIN_VALUE;

    /**
     * @param history values in the sliding window (global baseline)
     * @param seasonal whether to use hour-of-week buckets when there is enough history
     * @param zHalf the |z| that scores 0.5
     */
    public RobustZScore(int history, boolean seasonal, double zHalf) {
        this.window = new SlidingMedian(history);
        this.buckets = seasonal ? new SlidingMedian[168] : null;
        this.zHalf = zHalf;
    }

    /** A global-baseline detector over the last 512 values scoring 0.5 at |z| = 4. */
    public RobustZScore() {
        this(512, false, 4.0);
    }

    @Override
    public double score(long epochSecond, double value) {
        if (first == Long.MIN_VALUE) {
            first = epochSecond;
        }
        double z = z(epochSecond, value);
        window.add(value);
        if (buckets != null) {
            bucket(epochSecond).add(value);
        }
        double a = Math.abs(z);
        return a / (a + zHalf);
    }

    private double z(long epochSecond, double value) {
        if (window.size() < 3) {
            return 0;
        }
        double scale = scale(window);
        if (buckets != null && epochSecond - first >= TWO_WEEKS) {
            SlidingMedian b = bucket(epochSecond);
            if (b.size() >= BUCKET_MIN) {
                return (value - b.median()) / Math.max(scale(b), 0.5 * scale);
            }
        }
        return (value - window.median()) / scale;
    }

    // A constant stretch has MAD 0; fall back to a sliver of the window's range so the first change
    // after a flat line scores high but finitely.
    private static double scale(SlidingMedian m) {
        double s = MAD_TO_SIGMA * m.mad();
        double floor = 0.01 * (m.max() - m.min()) + 1e-9 * Math.abs(m.median()) + 1e-12;
        return Math.max(s, floor);
    }

    private SlidingMedian bucket(long epochSecond) {
        int b = (int) Math.floorMod(epochSecond / HOUR, 168L);
        if (buckets[b] == null) {
            buckets[b] = new SlidingMedian(BUCKET_VALUES);
        }
        return buckets[b];
    }
}
