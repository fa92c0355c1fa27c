package io.pulse.server.stream;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseHandler;
import io.pulse.server.ApiError;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.PulseServer;
import io.pulse.server.RouteDoc;
import io.pulse.server.RouteDoc.Param;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The running stream, read-only: {@code GET /api/stream/stats} (the counters as of the pipeline's last tick,
 * at most a quarter second old, and the ingest queue now), {@code GET /api/stream/alerts}, server-sent
 * events named {@code alert} whose data is the alert as one JSON line and whose id is {@code Alert.id()}, and
 * {@code GET /api/stream/recent}, the last alerts kept in memory for a page opened after they were sent.
 * Behind the token when {@code readToken} ({@code pulse stream --listen} always; {@code pulse serve --stream}
 * as its reads).
 */
public final class StreamRoutes implements ApiRoutes {

    static final int DEFAULT_RECENT = 100;
    private final LiveStream live;
    private final boolean readToken;

    StreamRoutes(LiveStream live, boolean readToken) {
        this.live = live;
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        routes.get("/api/stream/stats", read(token, readToken, this::stats));
        routes.get("/api/stream/alerts", read(token, readToken, new SseHandler(live.feed()::subscribe)));
        routes.get("/api/stream/recent", read(token, readToken, this::recent));
    }

    @Override
    public List<RouteDoc> docs() {
        return docs(readToken);
    }

    /** The routes as the OpenAPI document lists them, running or not ({@link StreamNotRunning}). */
    static List<RouteDoc> docs(boolean readToken) {
        return List.of(
                new RouteDoc("GET", "/api/stream/stats", "stream", "The live stream's accounting (in, late,"
                        + " duplicates, filtered, accepted, windows closed, alerts), watermark, events/s and ingest"
                        + " queue; 404 not_running unless 'pulse serve --stream'", readToken, List.of()),
                new RouteDoc("GET", "/api/stream/alerts", "stream", "Server-sent events named 'alert', one per alert"
                        + " as it is emitted (data: the alert as JSON, id: the alert's id)", readToken, List.of())
                        .answering(200, "text/event-stream"),
                new RouteDoc("GET", "/api/stream/recent", "stream", "The last alerts, newest first: {\"alerts\":[...]}",
                        readToken, List.of(Param.query("limit", "integer", "how many, 1 to " + RecentAlerts.CAPACITY
                                + " (default " + DEFAULT_RECENT + ")"))));
    }

    /** {@code h}, behind the token when {@code readToken}. */
    static Handler read(BearerToken token, boolean readToken, Handler h) {
        return readToken ? token.protect(h) : h;
    }

    private void stats(Context ctx) {
        PulseServer.json(ctx, 200, stats(live.monitor().snapshot(), live.ingest(), live.feed()));
    }

    private void recent(Context ctx) {
        List<String> alerts = live.recent().newest(limit(ctx));
        // The lines are JSON objects already: joined, not parsed and written again.
        ctx.status(200).contentType("application/json").result("{\"alerts\":[" + String.join(",", alerts) + "]}");
    }

    /** {@code limit}: 1 to {@link RecentAlerts#CAPACITY}, default {@value #DEFAULT_RECENT}; anything else is 400. */
    static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null || v.isEmpty()) {
            return DEFAULT_RECENT;
        }
        int n = v.matches("[0-9]{1,9}") ? Integer.parseInt(v) : 0;
        if (n >= 1 && n <= RecentAlerts.CAPACITY) {
            return n;
        }
        throw new ApiError(400, "bad_parameter", "parameter 'limit' must be an integer from 1 to "
                + RecentAlerts.CAPACITY + ", got '" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
    }

    /** The stats JSON: the engine's accounting, alerts by label, watermark, rate, and the ingest queue. */
    static Map<String, Object> stats(StreamMonitor.Snapshot snap, HttpIngest ingest, AlertFeed feed) {
        StreamStats s = snap.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events_in", s.eventsIn());
        m.put("late", s.late());
        m.put("duplicates", s.duplicates());
        Map<String, Long> filtered = new LinkedHashMap<>();
        s.filtered().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> filtered.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        m.put("filtered", filtered);
        m.put("accepted", s.accepted());
        m.put("windows_closed", s.windowsClosed());
        m.put("alerts", s.alerts());
        m.put("alerts_transient", snap.transientAlerts());
        m.put("alerts_sustained", snap.sustainedAlerts());
        m.put("watermark", snap.watermark() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(snap.watermark()).toString());
        m.put("events_per_second", snap.eventsPerSecond());
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("queued_events", ingest.queued());
        q.put("capacity", ingest.capacity());
        q.put("accepted_events", ingest.acceptedEvents());
        q.put("full_requests", ingest.fullRequests());
        m.put("ingest", q);
        m.put("sse_clients", feed.clients());
        m.put("sse_dropped", feed.dropped());
        return m;
    }
}
