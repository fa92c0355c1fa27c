package io.pulse.server.stream;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.pulse.server.ApiError;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.RouteDoc;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream's routes on a server that runs no stream ({@code pulse serve} without {@code --stream}): each answers
 * 404 {@code not_running}, so a dashboard tells "not started" from "no route" with one request, and the API
 * lists the same routes either way. The guards are those of the running routes.
 */
public final class StreamNotRunning implements ApiRoutes {

    private final boolean readToken;

    public StreamNotRunning(boolean readToken) {
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        Handler notRunning = ctx -> {
            throw new ApiError(404, "not_running", "the live stream is not running: start pulse serve --stream");
        };
        routes.post("/api/events", token.protect(notRunning));
        for (RouteDoc d : StreamRoutes.docs(readToken)) {
            routes.get(d.path(), StreamRoutes.read(token, readToken, notRunning));
        }
    }

    @Override
    public List<RouteDoc> docs() {
        List<RouteDoc> docs = new ArrayList<>(EventsRoutes.DOCS);
        docs.addAll(StreamRoutes.docs(readToken));
        return docs;
    }
}
