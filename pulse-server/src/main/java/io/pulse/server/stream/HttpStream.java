package io.pulse.server.stream;

import io.pulse.server.ApiRoutes;
import io.pulse.server.HealthRoutes;
import io.pulse.server.PulseServer;
import io.pulse.server.ServerSettings;
import io.pulse.stream.Alert;
import io.pulse.stream.LiveOptions;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link LiveStream} on a server of its own ({@code pulse stream --listen}): health, ingest and the stream's
 * routes, every one but health behind the token. Build the engine with {@link #alerts()} in its alert sink, then
 * {@link #run} it on the thread that is to be the pipeline; {@link #stopIntake()} (from a shutdown hook) lets the
 * run drain the queue and end; {@link #close()} stops the server after the run.
 */
public final class HttpStream implements AutoCloseable {

    private final LiveStream live;
    private final PulseServer server;

    private HttpStream(ServerSettings settings, int queueEvents) {
        this.live = new LiveStream(queueEvents);
        List<ApiRoutes> groups = new ArrayList<>(List.of(new HealthRoutes()));
        groups.addAll(live.routes(settings, true));
        this.server = PulseServer.start(settings, groups);
    }

    /** Starts the server; events queue up (to {@code queueEvents}) until {@link #run} takes them. */
    public static HttpStream start(ServerSettings settings, int queueEvents) {
        return new HttpStream(settings, queueEvents);
    }

    /** See {@link LiveStream#alerts()}. */
    public Consumer<Alert> alerts() {
        return live.alerts();
    }

    /** See {@link LiveStream#engine}. */
    public StreamEngine engine(Consumer<Alert> more) {
        return live.engine(more);
    }

    /** See {@link LiveStream#run}. */
    public StreamStats run(StreamEngine engine, LiveOptions options, Path checkpoint)
            throws IOException, InterruptedException {
        return live.run(engine, options, checkpoint);
    }

    /** Takes no more events (503 from now on); a running {@link #run} drains the queue, finishes and returns. */
    public void stopIntake() {
        live.stopIntake();
    }

    public int port() {
        return server.port();
    }

    public HttpIngest ingest() {
        return live.ingest();
    }

    public StreamMonitor monitor() {
        return live.monitor();
    }

    public AlertFeed feed() {
        return live.feed();
    }

    /** Ends the SSE streams and stops the server. */
    @Override
    public void close() throws InterruptedException {
        live.close();
        server.close();
    }
}
