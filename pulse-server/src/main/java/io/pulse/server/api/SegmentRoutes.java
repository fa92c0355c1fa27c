package io.pulse.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulse.server.ApiError;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.RouteDoc;
import io.pulse.server.RouteDoc.Param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Segments, their members and the hidden-value opportunities with evidence, from the tables 'pulse segments' writes. */
final class SegmentRoutes implements ApiRoutes {

    private static final String MEMBER_OF = "(cluster = ? OR value_group = ? OR 'rfm_' || rfm_cell = ?)";
    private final StoreViews views;
    private final boolean readToken;

    SegmentRoutes(StoreViews views, boolean readToken) {
        this.views = views;
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        Access a = new Access(token, readToken);
        routes.get("/api/segments", a.read(this::segments));
        routes.get("/api/segments/{id}/members", a.read(this::members));
        routes.get("/api/opportunities", a.read(this::opportunities));
    }

    private void segments(Context ctx) {
        views.require("segments", "segments");
        var r = views.reader();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", StoreViews.parsed(r.rows("SELECT * FROM segmentation_runs ORDER BY created_at DESC LIMIT 1"),
                "silhouettes").stream().findFirst().orElse(null));
        m.put("segments", StoreViews.parsed(r.rows("SELECT * FROM segments ORDER BY kind, segment_id"), "profile"));
        m.put("opportunities", opportunities());
        Reply.ok(ctx, m);
    }

    private void opportunities(Context ctx) {
        views.require("opportunities", "segments");
        Reply.ok(ctx, Map.of("opportunities", opportunities()));
    }

    private List<Map<String, Object>> opportunities() {
        return StoreViews.parsed(views.reader().rows("SELECT * FROM opportunities ORDER BY rank"),
                "signals", "evidence", "also_found_as");
    }

    private void members(Context ctx) {
        views.require("segment_members", "segments");
        String id = Params.id(ctx, "id");
        int limit = Params.limit(ctx, 100);
        int offset = Params.offset(ctx);
        var r = views.reader();
        if (r.scalar("SELECT 1 FROM segments WHERE segment_id = ?", id) == null) {
            throw new ApiError(404, "unknown_segment", "no segment '" + id + "'; GET /api/segments lists them");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment_id", id);
        m.put("total", r.scalar("SELECT count(*) FROM segment_members WHERE " + MEMBER_OF, id, id, id));
        m.put("limit", limit);
        m.put("offset", offset);
        m.put("members", r.rows("SELECT * FROM segment_members WHERE " + MEMBER_OF
                + " ORDER BY user_id LIMIT ? OFFSET ?", id, id, id, limit, offset));
        Reply.ok(ctx, m);
    }

    @Override
    public List<RouteDoc> docs() {
        List<Param> page = List.of(Param.query("limit", "integer", "rows, 1 to 1000 (default 100)"),
                Param.query("offset", "integer", "rows to skip (default 0)"));
        return List.of(
                new RouteDoc("GET", "/api/segments", "segments", "The segmentation run, every segment with its"
                        + " profile, and the ranked opportunities", readToken, List.of()),
                new RouteDoc("GET", "/api/segments/{id}/members", "segments", "A page of a segment's members",
                        readToken, List.of(Param.path("id", "segment id: s3, v2, rfm_at_risk, ..."), page.get(0),
                        page.get(1))),
                new RouteDoc("GET", "/api/opportunities", "segments", "Hidden-value opportunities, ranked, with"
                        + " signals, evidence and an action", readToken, List.of()));
    }
}
