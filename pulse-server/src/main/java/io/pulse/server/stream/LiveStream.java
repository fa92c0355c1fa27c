package io.pulse.server.stream;

import io.pulse.server.ApiRoutes;
import io.pulse.server.ServerSettings;
import io.pulse.stream.Alert;
import io.pulse.stream.EventParser;
import io.pulse.stream.LiveOptions;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stream engine fed over HTTP, without a server of its own: the ingest queue, the live monitor, the alert feed
 * and the ring of recent alerts, and the route groups that expose them. {@link HttpStream} serves them alone
 * ({@code pulse stream --listen}); {@code pulse serve --stream} adds them to the store's API.
 *
 * <p>Build the engine with {@link #engine} (or put {@link #alerts()} in its alert sink), {@link #run} it on the
 * thread that is to be the pipeline; {@link #stopIntake()} (from a shutdown hook) lets the run drain the queue
 * and end; {@link #close()} ends the SSE streams, before the server stops.
 */
public final class LiveStream implements AutoCloseable {

    private final HttpIngest ingest;
    private final StreamMonitor monitor = new StreamMonitor();
    private final AlertFeed feed = new AlertFeed();
    private final RecentAlerts recent = new RecentAlerts(RecentAlerts.CAPACITY);

    /** Events queue up (to {@code queueEvents}) until {@link #run} takes them. */
    public LiveStream(int queueEvents) {
        this.ingest = new HttpIngest(queueEvents);
    }

    /** {@code POST /api/events} (always behind the token) and the stream's reads (behind it when {@code readToken}). */
    public List<ApiRoutes> routes(ServerSettings settings, boolean readToken) {
        return List.of(new EventsRoutes(ingest, settings), new StreamRoutes(this, readToken));
    }

    /** The sink for the engine's alerts: counts them for the stats, keeps the recent ones, sends them to SSE clients. */
    public Consumer<Alert> alerts() {
        return monitor.alerts().andThen(recent).andThen(feed);
    }

    /**
     * The engine of a live run as {@code pulse stream} builds it without options: the default windows and guard,
     * events in the canonical fields, alerts to {@link #alerts()} and then to {@code more}; no profiles.
     */
    public StreamEngine engine(Consumer<Alert> more) {
        return new StreamEngine(StreamConfig.defaults(), new EventParser(EventParser.CANONICAL_HEADER, "http"),
                alerts().andThen(more), e -> {
                });
    }

    /**
     * Runs {@code engine} on the calling thread until {@link #stopIntake()}; resumes from {@code checkpoint} when
     * given and present. {@code options}' tick also refreshes the stats the server shows.
     */
    public StreamStats run(StreamEngine engine, LiveOptions options, Path checkpoint)
            throws IOException, InterruptedException {
        Consumer<StreamStats> tick = options.onTick();
        LiveOptions withStats = options.withTick(options.tickEvery(), s -> {
            monitor.update(s, engine.watermark());
            tick.accept(s);
        });
        return checkpoint != null && Files.exists(checkpoint) ? engine.resumeLive(checkpoint, ingest, withStats)
                : engine.live(ingest, withStats);
    }

    /** Takes no more events (503 from now on); a running {@link #run} drains the queue, finishes and returns. */
    public void stopIntake() {
        ingest.close();
    }

    public HttpIngest ingest() {
        return ingest;
    }

    public StreamMonitor monitor() {
        return monitor;
    }

    public AlertFeed feed() {
        return feed;
    }

    public RecentAlerts recent() {
        return recent;
    }

    /** Takes no more events and ends the SSE streams (sending what is queued for them first). */
    @Override
    public void close() throws InterruptedException {
        ingest.close();
        feed.close();
    }
}
