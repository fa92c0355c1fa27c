package io.pulse.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.RouteDoc;
import io.pulse.server.RouteDoc.Param;

import java.util.List;

/** The newest stream run that {@code pulse stream --db} stored: its accounting, alerts and decisions. */
final class StreamResultRoutes implements ApiRoutes {

    private final StoreViews views;
    private final boolean readToken;

    StreamResultRoutes(StoreViews views, boolean readToken) {
        this.views = views;
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        Access a = new Access(token, readToken);
        routes.get("/api/stream/summary", a.read(this::summary));
    }

    private void summary(Context ctx) {
        int limit = Params.limit(ctx, 100);
        Reply.ok(ctx, StoredRuns.streamSummary(views.reader(), limit)
                .orElseThrow(() -> StoreViews.notComputed(StoredRuns.STREAM_VERB)));
    }

    @Override
    public List<RouteDoc> docs() {
        return List.of(new RouteDoc("GET", "/api/stream/summary", "stream", "The newest stored stream run:"
                + " accounting, alerts (sustained first, then newest), counts by label, decisions", readToken,
                List.of(Param.query("limit", "integer", "alerts, 1 to 1000 (default 100)"))));
    }
}
