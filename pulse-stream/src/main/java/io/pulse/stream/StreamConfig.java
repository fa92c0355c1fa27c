package io.pulse.stream;

import java.time.Duration;
import java.util.List;

/**
 * Everything the engine needs, with defaults that work on hourly-to-daily shop traffic.
 *
 * @param maxOutOfOrder   how far behind the newest event an event may arrive and still be on time
 * @param allowedLateness how long windows stay open past the watermark
 * @param dedupHorizon    event-time span within which a repeated event id is dropped
 * @param queueBatches    capacity of the source → pipeline queue, in batches of {@code batchSize} events
 */
public record StreamConfig(Duration maxOutOfOrder, Duration allowedLateness, Duration dedupHorizon,
                           NoiseFilter.Settings noise, List<WindowSpec> windows, GuardSettings guard,
                           int queueBatches, int batchSize) {

    public StreamConfig {
        windows = List.copyOf(windows);
        if (queueBatches < 1 || batchSize < 1) {
            throw new IllegalArgumentException("queueBatches and batchSize must be ≥ 1");
        }
    }

    /**
     * One minute of out-of-orderness and of lateness, a ten-minute dedup horizon, and windows: items by the
     * hour (sustained after 24 elevated hours), by the day (after 5 elevated days) and by the week (after 3
     * elevated weeks; 30 events above the baseline to start); categories, channels and sources by the hour
     * (after 24 hours). The weekly item window is for the long tail: an item at a few views a day tripling is
     * lost in its daily counts' noise and weekday rhythm, while a week holds each weekday once and enough
     * events to tell. Tumbling rather than sliding daily: as good on the demo store, a week later, and its
     * item rings are 48 counts instead of 336 (see docs/stream.md, "The demo store").
     */
    public static StreamConfig defaults() {
        return new StreamConfig(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(10),
                NoiseFilter.Settings.defaults(),
                List.of(new WindowSpec(Dimension.ITEM, Duration.ofHours(1), 24, 10),
                        new WindowSpec(Dimension.ITEM, Duration.ofDays(1), 5, 10),
                        new WindowSpec(Dimension.ITEM, Duration.ofDays(7), 3, 30),
                        new WindowSpec(Dimension.CATEGORY, Duration.ofHours(1), 24, 50),
                        new WindowSpec(Dimension.CHANNEL, Duration.ofHours(1), 24, 50),
                        new WindowSpec(Dimension.SOURCE, Duration.ofHours(1), 24, 50)),
                GuardSettings.defaults(), 256, 512);
    }

    public StreamConfig withWindows(List<WindowSpec> windows) {
        return new StreamConfig(maxOutOfOrder, allowedLateness, dedupHorizon, noise, windows, guard, queueBatches,
                batchSize);
    }

    public StreamConfig withGuard(GuardSettings guard) {
        return new StreamConfig(maxOutOfOrder, allowedLateness, dedupHorizon, noise, windows, guard, queueBatches,
                batchSize);
    }

    public StreamConfig withNoise(NoiseFilter.Settings noise) {
        return new StreamConfig(maxOutOfOrder, allowedLateness, dedupHorizon, noise, windows, guard, queueBatches,
                batchSize);
    }
}
