package io.pulse.stream;

/**
 * How {@link SpikeGuard} starts, follows and labels an anomaly; the same for every window spec. "Windows" here
 * are windows of the spec's size: for a sliding spec the guard multiplies them by its slides per window.
 *
 * @param alarmScore        detector score (the larger of robust z and EWMA-CUSUM) that can start an anomaly;
 *                          0.5 is |z| = zHalf or a CUSUM sum at its alarm level
 * @param minRatio          a window must also be at least this multiple of the baseline to start one
 * @param elevatedRatio     a window stays part of an anomaly while at least this multiple of the baseline
 *                          (and half of minExcess above it)
 * @param maxTopSourceShare above this share from one source, a change is concentrated, hence transient
 * @param minDistinctUsers  below this many distinct users, a change is a few people, hence transient
 * @param history           windows of history behind each score (the robust z-score's sliding window)
 * @param gapFill           at most this many zero windows are fed to a seasonal key's detectors when it
 *                          reappears after a silence (bounded cost; enough to anchor its median)
 * @param baselineAlpha     EWMA weight of a normal window in a key's baseline (1/n while n < 1/alpha, so
 *                          the first windows are a plain mean rather than a ramp up from zero)
 * @param warmUpWindows     windows a key must have been followed before it can start an anomaly
 * @param patience          non-elevated windows in a row an anomaly survives: one dip of a noisy count
 *                          does not end a lasting change
 */
public record GuardSettings(double alarmScore, double minRatio, double elevatedRatio, double maxTopSourceShare,
                            int minDistinctUsers, int history, int gapFill, double baselineAlpha,
                            int warmUpWindows, int patience) {

    public static GuardSettings defaults() {
        return new GuardSettings(0.5, 2.0, 1.5, 0.6, 10, 48, 24, 0.05, 14, 1);
    }
}
