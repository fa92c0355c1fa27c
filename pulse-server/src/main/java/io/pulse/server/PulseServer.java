package io.pulse.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.pulse.core.PulseInputException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP server of Pulse: Javalin on Jetty, with the routes of the {@link ApiRoutes} groups it is given (event
 * ingest and the live stream now; the REST API and dashboard of {@code pulse serve} later). Routes parse, call
 * one API and format; errors become {@code {"code","message"}} JSON with their status, never a stack trace:
 * {@link ApiError} as it says, {@link PulseInputException} 400, anything else 500 with the trace in the log.
 */
public final class PulseServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(PulseServer.class.getName());
    /** Held so the levels stay set: JUL keeps loggers weakly. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.eclipse.jetty"),
            Logger.getLogger("io.javalin"));

    /** Request attribute of an error a route answered itself, which the 404 page must not replace. */
    private static final String ANSWERED = "pulse.answered";
    private final Javalin app;

    private PulseServer(Javalin app) {
        this.app = app;
    }

    /** Starts listening as {@code settings} say, with {@code groups} of routes. */
    public static PulseServer start(ServerSettings settings, List<ApiRoutes> groups) {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        BearerToken token = new BearerToken(settings.token());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            for (ApiRoutes g : groups) {
                g.register(config.routes, token);
            }
            config.routes.exception(ApiError.class, (e, ctx) -> {
                ctx.attribute(ANSWERED, Boolean.TRUE);
                e.headers().forEach(ctx::header);
                json(ctx, e.status(), e.body());
            });
            config.routes.exception(PulseInputException.class,
                    (e, ctx) -> json(ctx, 400, Map.of("code", "bad_input", "message", e.describe())));
            config.routes.exception(HttpResponseException.class,
                    (e, ctx) -> json(ctx, e.getStatus(), Map.of("code", "http_" + e.getStatus(), "message", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(Level.SEVERE, "internal error on " + ctx.method() + " " + ctx.path(), e);
                json(ctx, 500, Map.of("code", "internal", "message", "internal error; the server log has the details"));
            });
            // A route's own 404 (an unknown user, an analysis not run) already has its body; only a missing route has none.
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ANSWERED) == null) {
                    json(ctx, 404, Map.of("code", "not_found", "message", "no route " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> json(ctx, 405, Map.of("code", "method_not_allowed", "message",
                    ctx.method() + " is not allowed on " + ctx.path())));
        });
        app.start(settings.bind(), settings.port());
        return new PulseServer(app);
    }

    /** Every HTTP route registered, as "METHOD /path" (what the OpenAPI document must list). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** The port it listens on (the chosen one when started with 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Writes {@code body} as JSON with {@code status}. */
    public static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of " + body.getClass(), e);
        }
    }
}
