package io.pulse.stream;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a live view shows of a running engine, safe to read from any thread: the pipeline thread
 * {@link #update}s it on each tick and counts alerts through {@link #alerts()}; readers (a terminal line, the
 * HTTP stats) take a consistent {@link Snapshot}.
 */
public final class StreamMonitor {

    private final AtomicLong transients = new AtomicLong();
    private final AtomicLong sustained = new AtomicLong();
    private volatile Snapshot last = new Snapshot(new StreamStats(0, 0, 0, Map.of(), 0, 0, 0), Long.MIN_VALUE,
            0, 0, 0, System.nanoTime());

    /**
     * A moment of the run.
     *
     * @param watermark      epoch millis, {@link Long#MIN_VALUE} before the first event
     * @param eventsPerSecond events in per wall-clock second since the previous update
     */
    public record Snapshot(StreamStats stats, long watermark, long transientAlerts, long sustainedAlerts,
                           double eventsPerSecond, long atNanos) {
    }

    /** Counts each alert by label; chain it in front of the engine's alert sink. */
    public Consumer<Alert> alerts() {
        return a -> (a.label() == Alert.Label.SUSTAINED ? sustained : transients).incrementAndGet();
    }

    /** Called with the engine's stats and watermark, on the thread that may read the engine. */
    public void update(StreamStats stats, long watermark) {
        Snapshot prev = last;
        long now = System.nanoTime();
        double seconds = (now - prev.atNanos()) / 1e9;
        double rate = seconds > 0 ? (stats.eventsIn() - prev.stats().eventsIn()) / seconds : prev.eventsPerSecond();
        last = new Snapshot(stats, watermark, transients.get(), sustained.get(), Math.max(0, rate), now);
    }

    public Snapshot snapshot() {
        return last;
    }
}
