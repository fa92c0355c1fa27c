package io.pulse.server.stream;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.PulseServer;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The running stream, read-only: {@code GET /api/stream/stats} (the counters as of the pipeline's last tick,
 * at most a quarter second old, and the ingest queue now) and {@code GET /api/stream/alerts}, server-sent
 * events named {@code alert} whose data is the alert as one JSON line and whose id is {@code Alert.id()}.
 */
public final class StreamRoutes implements ApiRoutes {

    private final StreamMonitor monitor;
    private final HttpIngest ingest;
    private final AlertFeed feed;

    public StreamRoutes(StreamMonitor monitor, HttpIngest ingest, AlertFeed feed) {
        this.monitor = monitor;
        this.ingest = ingest;
        this.feed = feed;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        routes.get("/api/stream/stats", token.protect(this::stats));
        routes.get("/api/stream/alerts", token.protect(new SseHandler(feed::subscribe)));
    }

    private void stats(Context ctx) {
        PulseServer.json(ctx, 200, stats(monitor.snapshot(), ingest, feed));
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
