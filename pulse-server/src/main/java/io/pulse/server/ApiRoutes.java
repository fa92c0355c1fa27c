package io.pulse.server;

import io.javalin.config.RoutesConfig;

/** A small group of routes; {@link PulseServer} registers each group, and a group guards its routes with the token. */
public interface ApiRoutes {

    void register(RoutesConfig routes, BearerToken token);
}
