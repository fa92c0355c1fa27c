package io.pulse.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The in-process stream pipeline, single-threaded: watermark (late events to the side output) → dedup →
 * noise filter → keyed windows → spike guard → alert sink. {@link #accept(StreamEvent)} runs one event
 * through; {@link #replay(FileReplay, double)} feeds a file from its own thread through a bounded queue (the
 * source blocks when the pipeline falls behind) and closes everything at the end.
 *
 * <p>Per event the pipeline allocates nothing: state lives in arrays indexed by interned ids, and a
 * window's evidence is copied out only when a key turns anomalous.
 */
public final class StreamEngine {

    private static final StreamEvent[] END = new StreamEvent[0];

    private final StreamConfig config;
    private final Consumer<StreamEvent> lateSink;
    private final Watermark watermark;
    private final Deduplicator dedup;
    private final NoiseFilter noise;
    private final KeyedWindows[] windows;
    private final List<SpikeGuard> guards = new ArrayList<>();
    private long eventsIn;
    private long accepted;
    private long windowsClosed;

    /**
     * @param parser    whose dictionaries name the keys and sources of the events it parsed
     * @param alerts    receives every alert, transient and sustained
     * @param late      the side output for late events
     */
    public StreamEngine(StreamConfig config, EventParser parser, Consumer<Alert> alerts, Consumer<StreamEvent> late) {
        this.config = config;
        this.lateSink = late;
        long ooo = config.maxOutOfOrder().toMillis();
        long lateness = config.allowedLateness().toMillis();
        this.watermark = new Watermark(ooo, lateness);
        this.dedup = new Deduplicator(config.dedupHorizon().toMillis());
        this.noise = new NoiseFilter(config.noise());
        this.windows = new KeyedWindows[config.windows().size()];
        for (int i = 0; i < windows.length; i++) {
            WindowSpec spec = config.windows().get(i);
            SpikeGuard guard = new SpikeGuard(spec, config.guard(), spec.dimension().names(parser), parser.sources(),
                    alerts);
            guards.add(guard);
            windows[i] = new KeyedWindows(spec, ooo + lateness, w -> {
                windowsClosed++;
                guard.onClose(w);
            });
        }
    }

    public void accept(StreamEvent e) {
        eventsIn++;
        if (!watermark.admit(e.ts())) {
            lateSink.accept(e);
            return;
        }
        if (!dedup.first(e.idHash(), e.ts()) || noise.check(e) != null) {
            return;
        }
        accepted++;
        long close = watermark.closeBefore();
        for (KeyedWindows w : windows) {
            w.closeUpTo(close);
            w.add(e);
        }
    }

    /** End of input: closes every open window and judges every open episode. */
    public void finish() {
        for (KeyedWindows w : windows) {
            w.closeAll();
        }
        for (SpikeGuard g : guards) {
            g.finish();
        }
    }

    /**
     * Replays {@code source} at {@code speed} × real time (0: as fast as possible) through a bounded queue,
     * then {@link #finish()}es. A bad line stops the replay with the source's input error.
     */
    public StreamStats replay(FileReplay source, double speed) throws InterruptedException {
        BlockingQueue<StreamEvent[]> queue = new ArrayBlockingQueue<>(config.queueBatches());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                source.produce(speed, queue, config.batchSize());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "pulse-replay");
        producer.start();
        try {
            for (StreamEvent[] batch = queue.take(); batch != END; batch = queue.take()) {
                for (StreamEvent e : batch) {
                    accept(e);
                }
            }
        } finally {
            producer.interrupt();
            producer.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        finish();
        return stats();
    }

    public StreamStats stats() {
        long alerts = guards.stream().mapToLong(SpikeGuard::alerts).sum();
        return new StreamStats(eventsIn, watermark.late(), dedup.duplicates(), noise.removed(), accepted,
                windowsClosed, alerts);
    }

    public long watermark() {
        return watermark.current();
    }
}
