package io.pulse.server.api;

import io.javalin.config.RoutesConfig;
import io.pulse.server.ApiError;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.RouteDoc;
import io.pulse.server.RouteDoc.Param;

import java.util.List;

/** {@code GET /api/users/{id}}: one user's profile from the {@link ProfileIndex}; 404 for a user the store does not know. */
final class ProfileRoutes implements ApiRoutes {

    private final StoreViews views;
    private final boolean readToken;

    ProfileRoutes(StoreViews views, boolean readToken) {
        this.views = views;
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        Access a = new Access(token, readToken);
        routes.get("/api/users/{id}", a.read(ctx -> {
            String id = Params.id(ctx, "id");
            Reply.bytes(ctx, views.profiles().profile(id).orElseThrow(() ->
                    new ApiError(404, "unknown_user", "no user '" + id + "' in the store")));
        }));
    }

    @Override
    public List<RouteDoc> docs() {
        return List.of(new RouteDoc("GET", "/api/users/{id}", "profiles", "A user's profile: attributes, features,"
                + " segment, tags, P(active), CLV, thresholds, recent actions, the stream profile when present",
                readToken, List.of(Param.path("id", "user id, up to " + Params.MAX_ID + " characters"))));
    }
}
