package io.pulse.server.api;

import io.pulse.core.activity.ActivityReport;
import io.pulse.core.activity.Granularity;
import io.pulse.core.activity.LifecycleCounts;
import io.pulse.store.activity.StoreActivity.ActivityAnalysis;

import java.util.LinkedHashMap;

import java.util.Map;

/**
 * The JSON of the activity analysis: the whole of it ({@code pulse activity --json} and {@code GET /api/activity})
 * and the overview a dashboard's first page draws ({@code GET /api/overview}). Serialise with {@link
 * io.pulse.server.PulseJson}.
 */
public final class ActivityJson {

    private ActivityJson() {
    }

    /** Every figure of the analysis, as documented in docs/activity.md. */
    public static Map<String, Object> of(ActivityAnalysis a) {
        ActivityReport r = a.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("periods", r.periods());
        m.put("daily", r.daily());
        m.put("stickiness", r.stickiness());
        m.put("retention", r.retention());
        m.put("lifecycle", r.lifecycle().stream().map(ActivityJson::lifecycle).toList());
        m.put("benchmark", r.benchmark());
        Map<String, Object> browse = new LinkedHashMap<>();
        browse.put("source", a.browseSource());
        browse.put("per_session_seconds", a.browse().perSessionSeconds());
        browse.put("per_user_seconds", a.browse().perUserSeconds());
        m.put("browse", browse);
        m.put("definition", definition(r));
        m.put("from", r.from());
        m.put("to", r.to());
        m.put("users", r.users());
        m.put("provenance", a.provenance());
        return m;
    }

    /**
     * The overview: the active rate against the band (the mean monthly rate, as the benchmark verdict computes
     * it), monthly active rates, the DAU/WAU/MAU trend, the weekly retention cohorts and the monthly lifecycle.
     */
    public static Map<String, Object> overview(ActivityAnalysis a, Map<String, Boolean> analyses) {
        ActivityReport r = a.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", r.users());
        m.put("from", r.from());
        m.put("to", r.to());
        m.put("active_rate", r.benchmark().activeRate());
        m.put("band", Map.of("low", r.benchmark().low(), "high", r.benchmark().high()));
        m.put("position", r.benchmark().position());
        m.put("verdict", r.benchmark().verdict());
        m.put("stickiness", r.stickiness());
        m.put("months", r.periods(Granularity.MONTH));
        m.put("trend", r.daily());
        m.put("retention", r.retention());
        m.put("lifecycle", r.lifecycle(Granularity.MONTH).stream().map(ActivityJson::lifecycle).toList());
        m.put("definition", definition(r));
        m.put("analyses", analyses);
        m.put("provenance", a.provenance());
        return m;
    }

    private static Map<String, Object> definition(ActivityReport r) {
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("event_types", r.definition().eventTypes().stream().sorted().toList());
        def.put("min_events", r.definition().minEvents());
        def.put("min_browse_seconds", r.definition().minBrowseSeconds());
        def.put("text", r.definition().describe());
        return def;
    }

    private static Map<String, Object> lifecycle(LifecycleCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("granularity", c.granularity());
        m.put("period", c.period());
        m.put("new", c.newUsers());
        m.put("returning", c.returning());
        m.put("resurrecting", c.resurrecting());
        m.put("dormant", c.dormant());
        m.put("lapsed", c.lapsed());
        return m;
    }
}
