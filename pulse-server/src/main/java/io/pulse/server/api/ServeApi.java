package io.pulse.server.api;

import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ApiRoutes;
import io.pulse.server.HealthRoutes;
import io.pulse.server.PulseServer;
import io.pulse.server.ServerSettings;
import io.pulse.server.dashboard.DashboardRoutes;
import io.pulse.server.stream.LiveStream;
import io.pulse.server.stream.StreamNotRunning;
import io.pulse.store.PulseStore;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pulse serve}: the REST API over a store. Reads are open unless {@code readTokenRequired}; writes always
 * need the token. The activity analysis and the profile index are computed before the server starts listening.
 * With a {@link LiveStream} ({@code --stream}) the same server takes events and shows the live stream, its reads
 * under the same policy; without one the stream's routes answer 404 not_running.
 */
public final class ServeApi implements AutoCloseable {

    private final StoreViews views;
    private final PulseServer server;
    private final List<ApiRoutes> groups;
    private final LiveStream live;

    private ServeApi(StoreViews views, PulseServer server, List<ApiRoutes> groups, LiveStream live) {
        this.views = views;
        this.server = server;
        this.groups = groups;
        this.live = live;
    }

    /** Starts serving {@code store} (which the caller keeps open until {@link #close()}), without a live stream. */
    public static ServeApi start(ServerSettings settings, boolean readTokenRequired, PulseStore store,
                                 ActivityOptions activity, ZoneId zone) {
        return start(settings, readTokenRequired, store, activity, zone, null);
    }

    /**
     * Starts serving {@code store} and, when {@code live} is not null, the live stream's routes ({@code pulse serve
     * --stream}; the caller runs its engine, and {@link #close()} closes it). Without one the stream's routes
     * answer 404 not_running.
     */
    public static ServeApi start(ServerSettings settings, boolean readTokenRequired, PulseStore store,
                                 ActivityOptions activity, ZoneId zone, LiveStream live) {
        StoreViews views = new StoreViews(store, activity, zone).warm();
        List<ApiRoutes> groups = new ArrayList<>(List.of(new HealthRoutes(),
                new ActivityRoutes(views, readTokenRequired), new SegmentRoutes(views, readTokenRequired),
                new ProfileRoutes(views, readTokenRequired), new TagRoutes(views, readTokenRequired),
                new ResultRoutes(views, readTokenRequired), new StreamResultRoutes(views, readTokenRequired),
                new DashboardRoutes()));
        if (live != null) {
            groups.addAll(live.routes(settings, readTokenRequired));
        } else {
            groups.add(new StreamNotRunning(readTokenRequired));
        }
        groups.add(new OpenApiRoutes(List.copyOf(groups)));
        try {
            return new ServeApi(views, PulseServer.start(settings, groups), List.copyOf(groups), live);
        } catch (RuntimeException e) {
            views.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The routes the server runs, as "METHOD /path". */
    public List<String> routes() {
        return server.routes();
    }

    /** The routes the OpenAPI document lists, as "METHOD /path". */
    public List<String> documented() {
        return groups.stream().flatMap(g -> g.docs().stream()).map(d -> d.method() + " " + d.path()).toList();
    }

    /** Ends the live stream's SSE streams (when it runs), stops the server and closes the views. */
    @Override
    public void close() {
        try {
            if (live != null) {
                live.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            views.close();
        }
    }
}
