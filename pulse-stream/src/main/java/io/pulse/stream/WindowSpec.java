package io.pulse.stream;

import java.time.Duration;

/**
 * A keyed tumbling window and how its spikes are judged.
 *
 * @param dimension      what the windows are keyed by
 * @param size           window length (event time, aligned to the epoch)
 * @param sustainWindows consecutive elevated windows after which a change counts as lasting
 * @param minExcess      events above the baseline a window needs before it can start an anomaly: the floor
 *                       that keeps a rare item's first few views from looking like a 50-sigma spike
 */
public record WindowSpec(Dimension dimension, Duration size, int sustainWindows, int minExcess) {

    public WindowSpec {
        if (size.toMillis() <= 0) {
            throw new IllegalArgumentException("window size must be positive, got " + size);
        }
        if (sustainWindows < 1 || minExcess < 1) {
            throw new IllegalArgumentException("sustainWindows and minExcess must be ≥ 1");
        }
    }

    /** "item/1h" */
    public String label() {
        long m = size.toMinutes();
        String s = m % 1440 == 0 ? m / 1440 + "d" : m % 60 == 0 ? m / 60 + "h" : m + "m";
        return dimension.label() + "/" + s;
    }
}
