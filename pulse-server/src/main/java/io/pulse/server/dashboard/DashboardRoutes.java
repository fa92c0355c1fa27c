package io.pulse.server.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.Payload;
import io.pulse.server.RouteDoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * A file as sent: its bytes and their gzip (ECharts is 1 MB, 0.33 MB gzipped: what a phone on a mobile network
     * waits for), and an ETag so a revisit costs a 304.
     */
    record Asset(Payload payload, String type, String etag) {

        static Asset of(String path, String type) {
            byte[] bytes = read(path);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Asset(Payload.of(bytes), type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }

    private final Map<String, Asset> assets = Map.of(
            "dashboard.js", Asset.of(HERE + "dashboard.js", "text/javascript; charset=utf-8"),
            "dashboard.css", Asset.of(HERE + "dashboard.css", "text/css; charset=utf-8"),
            "echarts.min.js", Asset.of(ECHARTS, "text/javascript; charset=utf-8"));
    private final Asset page = Asset.of(HERE + "index.html", "text/html; charset=utf-8");

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
        ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:; frame-ancestors 'none'");
        send(ctx, page);
    }

    private void asset(Context ctx) {
        Asset a = assets.get(ctx.pathParam("file"));
        if (a == null) {
            ctx.status(404).contentType("application/json")
                    .result("{\"code\":\"not_found\",\"message\":\"no dashboard asset by that name\"}");
            return;
        }
        send(ctx, a);
    }

    /** Files change only with the jar: always revalidate (no stale page after an upgrade), 304 when unchanged. */
    private static void send(Context ctx, Asset a) {
        ctx.header("Cache-Control", "no-cache").header("ETag", a.etag()).header("X-Content-Type-Options", "nosniff");
        String known = ctx.header("If-None-Match");
        if (known != null && List.of(known.split("\\s*,\\s*")).contains(a.etag())) {
            ctx.status(304);
            return;
        }
        a.payload().send(ctx, a.type());
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
