package io.pulse.stream;

import java.time.Duration;

/**
 * A keyed window — tumbling, or sliding when {@code slide} is shorter than {@code size} — and how its spikes
 * are judged.
 *
 * <p>A sliding spec closes a window every {@code slide}, covering the last {@code size} (1 h windows every
 * 10 min: six overlapping windows hold each event). The windows' counts keep the unit of {@code size}, and so
 * do {@code sustainWindows} and the guard's settings: {@link SpikeGuard} turns them into slides (see
 * {@link #panes()}), so a sliding spec judges a change over the same span of time as its tumbling peer.
 *
 * @param dimension      what the windows are keyed by
 * @param size           window length (event time, aligned to the epoch)
 * @param sustainWindows windows of {@code size} an elevation must span before it counts as lasting
 * @param minExcess      events above the baseline a window needs before it can start an anomaly: the floor
 *                       that keeps a rare item's first few views from looking like a 50-sigma spike
 * @param slide          time between two window ends; {@code size} for tumbling windows, else a divisor of it
 */
public record WindowSpec(Dimension dimension, Duration size, int sustainWindows, int minExcess, Duration slide) {

    public WindowSpec {
        if (size.toMillis() <= 0) {
            throw new IllegalArgumentException("window size must be positive, got " + size);
        }
        if (sustainWindows < 1 || minExcess < 1) {
            throw new IllegalArgumentException("sustainWindows and minExcess must be ≥ 1");
        }
        if (slide.toMillis() <= 0 || size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("the slide must divide the window size " + size + ", got " + slide);
        }
    }

    /** A tumbling window: the slide is the size. */
    public WindowSpec(Dimension dimension, Duration size, int sustainWindows, int minExcess) {
        this(dimension, size, sustainWindows, minExcess, size);
    }

    /** The same spec sliding every {@code slide}. */
    public WindowSpec sliding(Duration slide) {
        return new WindowSpec(dimension, size, sustainWindows, minExcess, slide);
    }

    /** Slides per window: how many panes of length {@code slide} a window sums (1 for tumbling windows). */
    public int panes() {
        return (int) (size.toMillis() / slide.toMillis());
    }

    public boolean tumbling() {
        return panes() == 1;
    }

    /** "item/1h" for a tumbling window, "item/1h/10m" for 1 h windows sliding every 10 min. */
    public String label() {
        String s = dimension.label() + "/" + duration(size);
        return tumbling() ? s : s + "/" + duration(slide);
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 != 0) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
        long m = ms / 60_000;
        return m % 1440 == 0 ? m / 1440 + "d" : m % 60 == 0 ? m / 60 + "h" : m + "m";
    }
}
