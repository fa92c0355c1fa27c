package io.pulse.cli;

import io.pulse.stream.NoiseFilter;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * The live terminal view of {@code pulse stream}: one line on standard error, redrawn in place four times a
 * second, with what the engine did so far (rate, events in, late, duplicates, filtered by reason, alerts by
 * label, watermark, and the ingest queue's fill). Shown when standard error is a terminal, or when asked for.
 */
final class LiveView implements AutoCloseable {

    private final PrintStream out;
    private final StreamMonitor monitor;
    private final Runnable refresh;
    private final long total;
    private final IntSupplier queued;
    private final int capacity;
    private final Thread thread;

    /**
     * @param refresh  run before each draw (a replay updates the monitor from the engine here; a live run's
     *                 pipeline updates it itself)
     * @param total    events expected (a replay's file), 0 when open-ended
     * @param capacity the ingest queue's capacity in events, 0 without one
     */
    private LiveView(PrintStream out, StreamMonitor monitor, Runnable refresh, long total, IntSupplier queued,
            int capacity) {
        this.out = out;
        this.monitor = monitor;
        this.refresh = refresh;
        this.total = total;
        this.queued = queued;
        this.capacity = capacity;
        this.thread = new Thread(this::loop, "pulse-live-view");
        this.thread.setDaemon(true);
    }

    /** A running view when {@code force} or standard error is a terminal; else one that shows nothing. */
    static LiveView start(boolean force, StreamMonitor monitor, Runnable refresh, long total, IntSupplier queued,
            int capacity) {
        boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM")) && System.getenv("CI") == null;
        LiveView v = new LiveView(force || tty ? System.err : null, monitor, refresh, total, queued, capacity);
        if (v.out != null) {
            v.thread.start();
        }
        return v;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                draw();
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            // A replay's counters are read while the engine runs; a torn read only costs one redraw.
            return;
        }
        out.print("\r\033[K" + line(monitor.snapshot(), total, queued.getAsInt(), capacity));
        out.flush();
    }

    /** Draws the final state and ends the line. */
    @Override
    public void close() throws InterruptedException {
        if (out == null) {
            return;
        }
        thread.interrupt();
        thread.join();
        draw();
        out.println();
    }

    /** The text of the view. */
    static String line(StreamMonitor.Snapshot snap, long total, int queued, int capacity) {
        StreamStats s = snap.stats();
        StringBuilder b = new StringBuilder();
        b.append(TerminalProgress.rate(snap.eventsPerSecond())).append(" · in ").append(Table.count(s.eventsIn()));
        if (total > 0) {
            b.append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * s.eventsIn() / total));
        }
        b.append(" · late ").append(Table.count(s.late())).append(" · dup ").append(Table.count(s.duplicates()))
                .append(" · filtered ").append(Table.count(s.filteredTotal()));
        if (s.filteredTotal() > 0) {
            b.append(" (");
            String sep = "";
            for (Map.Entry<NoiseFilter.Reason, Long> e : new TreeMap<>(s.filtered()).entrySet()) {
                if (e.getValue() > 0) {
                    b.append(sep).append(shortName(e.getKey())).append(' ').append(Table.count(e.getValue()));
                    sep = ", ";
                }
            }
            b.append(')');
        }
        b.append(" · alerts ").append(Table.count(snap.transientAlerts())).append(" transient, ")
                .append(Table.count(snap.sustainedAlerts())).append(" sustained");
        b.append(" · watermark ").append(snap.watermark() == Long.MIN_VALUE ? "-"
                : Instant.ofEpochMilli(snap.watermark()).truncatedTo(ChronoUnit.MINUTES).toString());
        if (capacity > 0) {
            b.append(String.format(Locale.ROOT, " · queue %.0f%% (%s/%s)", 100.0 * queued / capacity,
                    Table.count(queued), Table.count(capacity)));
        }
        return b.toString();
    }

    private static String shortName(NoiseFilter.Reason r) {
        return switch (r) {
            case RATE_LIMIT -> "rate";
            case BOT_LIKE -> "bot";
            case IMPOSSIBLE_SESSION -> "session";
        };
    }
}
