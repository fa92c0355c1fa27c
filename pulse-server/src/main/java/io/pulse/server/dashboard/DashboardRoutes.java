package io.pulse.server.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.RouteDoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The web dashboard: one page and its three assets, read from the jar once. The page holds no data, so it needs no
 * token; its scripts call the {@code /api} routes, with the token the user typed when reads are protected. ECharts
 * comes from the npm webjar on the classpath, so nothing is fetched from a CDN at run time.
 */
public final class DashboardRoutes implements ApiRoutes {

    /** The webjar's file; its version is pinned in the parent pom and must match this path. */
    public static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String HERE = "io/pulse/server/dashboard/";

    private record Asset(byte[] bytes, String type) {
    }

    private final Map<String, Asset> assets = Map.of(
            "dashboard.js", new Asset(read(HERE + "dashboard.js"), "text/javascript; charset=utf-8"),
            "dashboard.css", new Asset(read(HERE + "dashboard.css"), "text/css; charset=utf-8"),
            "echarts.min.js", new Asset(read(ECHARTS), "text/javascript; charset=utf-8"));
    private final byte[] page = read(HERE + "index.html");

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        routes.get("/", this::page);
        routes.get("/assets/{file}", this::asset);
    }

    @Override
    public List<RouteDoc> docs() {
        return List.of(new RouteDoc("GET", "/", "dashboard", "The web dashboard (HTML); its pages call the routes"
                        + " below", false, List.of()).answering(200, "text/html"),
                new RouteDoc("GET", "/assets/{file}", "dashboard", "The dashboard's script, style sheet and ECharts",
                        false, List.of(RouteDoc.Param.path("file", "dashboard.js, dashboard.css or echarts.min.js")))
                        .answering(200, "text/*"));
    }

    private void page(Context ctx) {
        // The page is small and changes with the jar: always revalidate, never serve a stale one.
        ctx.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
                        + " img-src 'self' data:; frame-ancestors 'none'")
                .contentType("text/html; charset=utf-8").result(page);
    }

    private void asset(Context ctx) {
        Asset a = assets.get(ctx.pathParam("file"));
        if (a == null) {
            ctx.status(404).contentType("application/json")
                    .result("{\"code\":\"not_found\",\"message\":\"no dashboard asset by that name\"}");
            return;
        }
        ctx.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff").contentType(a.type())
                .result(a.bytes());
    }

    private static byte[] read(String path) {
        try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
