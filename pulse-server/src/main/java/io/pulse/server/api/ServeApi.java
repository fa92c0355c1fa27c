package io.pulse.server.api;

import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ApiRoutes;
import io.pulse.server.HealthRoutes;
import io.pulse.server.PulseServer;
import io.pulse.server.ServerSettings;
import io.pulse.server.dashboard.DashboardRoutes;
import io.pulse.store.PulseStore;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pulse serve}: the REST API over a store. Reads are open unless {@code readTokenRequired}; writes always
 * need the token. The activity analysis and the profile index are computed before the server starts listening.
 */
public final class ServeApi implements AutoCloseable {

    private final StoreViews views;
    private final PulseServer server;
    private final List<ApiRoutes> groups;

    private ServeApi(StoreViews views, PulseServer server, List<ApiRoutes> groups) {
        this.views = views;
        this.server = server;
        this.groups = groups;
    }

    /** Starts serving {@code store} (which the caller keeps open until {@link #close()}). */
    public static ServeApi start(ServerSettings settings, boolean readTokenRequired, PulseStore store,
                                 ActivityOptions activity, ZoneId zone) {
        StoreViews views = new StoreViews(store, activity, zone).warm();
        List<ApiRoutes> groups = new ArrayList<>(List.of(new HealthRoutes(),
                new ActivityRoutes(views, readTokenRequired), new SegmentRoutes(views, readTokenRequired),
                new ProfileRoutes(views, readTokenRequired), new TagRoutes(views, readTokenRequired),
                new ResultRoutes(views, readTokenRequired), new StreamResultRoutes(views, readTokenRequired),
                new DashboardRoutes()));
        groups.add(new OpenApiRoutes(List.copyOf(groups)));
        try {
            return new ServeApi(views, PulseServer.start(settings, groups), List.copyOf(groups));
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

    @Override
    public void close() {
        server.close();
        views.close();
    }
}
