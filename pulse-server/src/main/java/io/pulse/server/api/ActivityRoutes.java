package io.pulse.server.api;

import io.javalin.config.RoutesConfig;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.RouteDoc;

import java.util.List;

/**
 * {@code GET /api/overview} and {@code GET /api/activity}: the activity analysis, computed once per ingest batch
 * (it is not stored) and answered from its JSON text.
 */
final class ActivityRoutes implements ApiRoutes {

    private final StoreViews views;
    private final boolean readToken;

    ActivityRoutes(StoreViews views, boolean readToken) {
        this.views = views;
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        Access a = new Access(token, readToken);
        routes.get("/api/overview", a.read(ctx -> Reply.payload(ctx, views.activityJson()[0])));
        routes.get("/api/activity", a.read(ctx -> Reply.payload(ctx, views.activityJson()[1])));
    }

    @Override
    public List<RouteDoc> docs() {
        return List.of(
                new RouteDoc("GET", "/api/overview", "activity", "Active rate against the benchmark band, monthly"
                        + " rates, DAU/WAU/MAU trend, retention cohorts, monthly lifecycle, which analyses have run",
                        readToken, List.of()),
                new RouteDoc("GET", "/api/activity", "activity", "The whole activity analysis, as 'pulse activity"
                        + " --json' writes it", readToken, List.of()));
    }
}
