package io.pulse.server;

import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;

/** {@code GET /api/health}: the one route without a token, for load balancers and start scripts. */
public final class HealthRoutes implements ApiRoutes {

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        routes.get("/api/health", ctx -> PulseServer.json(ctx, 200, Map.of("status", "ok")));
    }

    @Override
    public List<RouteDoc> docs() {
        return List.of(new RouteDoc("GET", "/api/health", "server", "Whether the server is up: {\"status\":\"ok\"}",
                false, List.of()));
    }
}
