package io.pulse.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.RouteDoc;
import io.pulse.server.RouteDoc.Param;
import io.pulse.store.views.StoreReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored results of the prediction and operation verbs: validation schemes side by side, thresholds by segment
 * with a page of users, and actions (the outbox by rule, a page of it, uplift and policies from the backtest).
 */
final class ResultRoutes implements ApiRoutes {

    private final StoreViews views;
    private final boolean readToken;

    ResultRoutes(StoreViews views, boolean readToken) {
        this.views = views;
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        Access a = new Access(token, readToken);
        routes.get("/api/validation", a.read(this::validation));
        routes.get("/api/thresholds", a.read(this::thresholds));
        routes.get("/api/actions", a.read(this::actions));
    }

    private void validation(Context ctx) {
        views.require("validation_results", "validate");
        Reply.ok(ctx, Map.of("results", views.reader().rows("SELECT * FROM validation_results ORDER BY model, scheme")));
    }

    private void thresholds(Context ctx) {
        views.require("thresholds", "thresholds");
        int limit = Params.limit(ctx, 100);
        int offset = Params.offset(ctx);
        boolean beyond = Params.flag(ctx, "beyond", false);
        StoreReader r = views.reader();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", r.scalar("SELECT max(cutoff) FROM thresholds"));
        m.put("users", r.scalar("SELECT count(*) FROM thresholds"));
        m.put("segments", r.rows("""
                SELECT segment, count(*) AS users,
                       median(dormancy_threshold_days) AS median_threshold_days,
                       count(*) FILTER (WHERE beyond_threshold) AS beyond_threshold,
                       avg(engagement_threshold) AS engagement_threshold
                FROM thresholds GROUP BY segment ORDER BY segment"""));
        m.put("beyond", beyond);
        m.put("limit", limit);
        m.put("offset", offset);
        // Beyond their threshold, the ones who crossed it most recently (relative to their own rhythm) first:
        // the earlier the nudge, the likelier the return; a year of silence is a different conversation.
        m.put("rows", beyond
                ? r.rows("SELECT * FROM thresholds WHERE beyond_threshold"
                        + " ORDER BY days_since_last_active / dormancy_threshold_days, user_id LIMIT ? OFFSET ?",
                        limit, offset)
                : r.rows("SELECT * FROM thresholds ORDER BY user_id LIMIT ? OFFSET ?", limit, offset));
        Reply.ok(ctx, m);
    }

    private void actions(Context ctx) {
        int limit = Params.limit(ctx, 100);
        int offset = Params.offset(ctx);
        StoreReader r = views.reader();
        boolean outbox = r.exists("outbox");
        boolean uplift = r.exists("backtest_uplift");
        if (!outbox && !uplift) {
            throw StoreViews.notComputed("actions --send' or 'pulse backtest");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (outbox) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("total", r.scalar("SELECT count(*) FROM outbox"));
            o.put("by_rule", r.rows("""
                    SELECT rule_id, action, count(*) AS actions, count(*) FILTER (WHERE control) AS control,
                           count(*) FILTER (WHERE status = 'sent') AS sent
                    FROM outbox GROUP BY rule_id, action ORDER BY rule_id, action"""));
            o.put("limit", limit);
            o.put("offset", offset);
            o.put("rows", StoreViews.parsed(r.rows("SELECT * FROM outbox ORDER BY created_at DESC, action_id"
                    + " LIMIT ? OFFSET ?", limit, offset), "payload"));
            m.put("outbox", o);
        } else {
            m.put("outbox", null);
        }
        m.put("uplift", uplift ? r.rows("SELECT * FROM backtest_uplift ORDER BY rule_id") : null);
        m.put("policies", r.exists("backtest_policies") ? r.rows("SELECT * FROM backtest_policies ORDER BY policy")
                : null);
        Reply.ok(ctx, m);
    }

    private static List<Param> withBeyond(List<Param> page) {
        List<Param> params = new java.util.ArrayList<>(page);
        params.add(Param.query("beyond", "boolean", "true: only users beyond their dormancy threshold, the most"
                + " recently crossed (days silent ÷ threshold) first"));
        return params;
    }

    @Override
    public List<RouteDoc> docs() {
        List<Param> page = List.of(Param.query("limit", "integer", "rows, 1 to 1000 (default 100)"),
                Param.query("offset", "integer", "rows to skip (default 0)"));
        return List.of(
                new RouteDoc("GET", "/api/validation", "results", "Activity prediction scored by random K-fold,"
                        + " time-series CV and forward holdout, with intervals and verdicts", readToken, List.of()),
                new RouteDoc("GET", "/api/thresholds", "results", "Dormancy and engagement thresholds by segment,"
                        + " and a page of users (with beyond=true: only those beyond their threshold, the most"
                        + " recently crossed first)", readToken, withBeyond(page)),
                new RouteDoc("GET", "/api/actions", "results", "The outbox by rule and a page of it; uplift and"
                        + " policies from the backtest", readToken, page));
    }
}
