package io.pulse.server.stream;

import io.pulse.server.HealthRoutes;
import io.pulse.server.PulseServer;
import io.pulse.server.ServerSettings;
import io.pulse.stream.Alert;
import io.pulse.stream.LiveOptions;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stream engine fed over HTTP: the server with health, ingest and stream routes, the ingest queue, the live
 * monitor and the alert feed. Build the engine with {@link #alerts()} in its alert sink, then {@link #run} it on
 * the thread that is to be the pipeline; {@link #stopIntake()} (from a shutdown hook) lets the run drain the
 * queue and end; {@link #close()} stops the server after the run.
 */
public final class HttpStream implements AutoCloseable {

    private final HttpIngest ingest;
    private final StreamMonitor monitor = new StreamMonitor();
    private final AlertFeed feed = new AlertFeed();
    private final PulseServer server;

    private HttpStream(ServerSettings settings, int queueEvents) {
        this.ingest = new HttpIngest(queueEvents);
        this.server = PulseServer.start(settings, List.of(new HealthRoutes(), new EventsRoutes(ingest, settings),
                new StreamRoutes(monitor, ingest, feed)));
    }

    /** Starts the server; events queue up (to {@code queueEvents}) until {@link #run} takes them. */
    public static HttpStream start(ServerSettings settings, int queueEvents) {
        return new HttpStream(settings, queueEvents);
    }

    /** The sink for the engine's alerts: counts them for the stats and sends them to SSE clients. */
    public Consumer<Alert> alerts() {
        return monitor.alerts().andThen(feed);
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

    public int port() {
        return server.port();
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

    /** Ends the SSE streams and stops the server. */
    @Override
    public void close() throws InterruptedException {
        ingest.close();
        feed.close();
        server.close();
    }
}
