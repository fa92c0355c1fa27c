package io.pulse.server;

import io.javalin.config.RoutesConfig;
import java.util.List;

/** A small group of routes; {@link PulseServer} registers each group, and a group guards its routes with the token. */
public interface ApiRoutes {

    void register(RoutesConfig routes, BearerToken token);

    /** The routes {@link #register} adds, for the OpenAPI document; a test holds the two lists equal. */
    default List<RouteDoc> docs() {
        return List.of();
    }
}
