package io.pulse.bench.tags;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulse's default tags (default-tags.yaml) written by hand as one DuckDB statement: a table
 * {@value #TABLE} with one BOOLEAN column per tag. Percentiles come from a CTE of {@code quantile_cont}
 * over the values present (type 7, as Pulse takes them), on the features cast to DOUBLE as Pulse reads
 * them; a comparison with a missing value is false, as in Pulse. Attribute and model tags are equality
 * columns over the values the synthetic store holds ({@link TagComputeData}); model tags read the newest
 * run of each model the way TagRun picks it.
 */
final class PeerTags {

    static final String TABLE = "peer_tags";

    private PeerTags() {
    }

    /** Tag name → SQL condition, in the order of default-tags.yaml. */
    static Map<String, String> columns() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("high_value", "CAST(f.monetary_total AS DOUBLE) > q.monetary[1]");
        t.put("top_spender", "CAST(f.monetary_total AS DOUBLE) > q.monetary[2]");
        t.put("low_spender", "f.monetary_total > 0 AND f.monetary_total < 50");
        t.put("big_basket", "CAST(f.aov AS DOUBLE) > q.aov[2]");
        t.put("small_basket", "CAST(f.aov AS DOUBLE) <= q.aov[1]");
        t.put("never_bought", "f.purchases = 0");
        t.put("one_time_buyer", "f.purchases >= 1 AND f.frequency = 0");
        t.put("repeat_buyer", "f.frequency >= 1");
        t.put("frequent_buyer", "f.frequency >= 4");
        t.put("monthly_buyer", "f.purchases_per_30d >= 1");
        t.put("recent_buyer", "f.recency_days <= 30");
        t.put("lapsed_buyer", "f.recency_days > 90");
        t.put("visited_this_week", "f.days_since_last_visit <= 7");
        t.put("silent_30d", "f.days_since_last_visit > 30");
        t.put("silent_90d", "f.days_since_last_visit > 90");
        t.put("busy_month", "f.events_30d >= q.events_30d");
        t.put("regular_visitor", "f.sessions_per_30d >= 4");
        t.put("rising", "f.activity_trend > 1.5");
        t.put("fading", "f.activity_trend < 0.5");
        t.put("new_customer", "f.tenure_days <= 30");
        t.put("veteran", "f.tenure_days >= 365");
        t.put("deep_browser", "f.browse_minutes_per_session > q.minutes_per_session");
        t.put("heavy_browser", "f.browse_minutes_total > q.minutes_total");
        t.put("window_shopper", "f.views >= q.views AND f.purchases = 0");
        t.put("hard_to_convert", "f.browse_to_buy > q.browse_to_buy");
        t.put("wide_taste", "f.category_breadth >= q.breadth");
        t.put("single_category", "f.category_breadth <= 1");
        equalities(t, "age_band", "f.age_band", TagComputeData.AGE_BANDS);
        equalities(t, "gender", "f.gender", TagComputeData.GENDERS);
        equalities(t, "region", "f.region", TagComputeData.REGIONS);
        equalities(t, "channel", "f.channel", TagComputeData.CHANNELS);
        equalities(t, "segment", "s.cluster", TagComputeData.CLUSTERS);
        t.put("p_active:low", "pr.probability < 0.3");
        t.put("p_active:mid", "pr.probability >= 0.3 AND pr.probability < 0.7");
        t.put("p_active:high", "pr.probability >= 0.7");
        t.put("clv:low", "cv.clv < cq.clv[1]");
        t.put("clv:mid", "cv.clv >= cq.clv[1] AND cv.clv < cq.clv[2]");
        t.put("clv:high", "cv.clv >= cq.clv[2]");
        t.put("dormant", "th.beyond_threshold");
        return t;
    }

    private static void equalities(Map<String, String> t, String tag, String column, List<String> values) {
        for (String v : values) {
            t.put(tag + ":" + v, column + " = '" + v + "'");
        }
    }

    static String sql() {
        StringBuilder select = new StringBuilder();
        for (Map.Entry<String, String> e : columns().entrySet()) {
            select.append(",\n  coalesce(").append(e.getValue()).append(", false) AS \"").append(e.getKey()).append('"');
        }
        return "CREATE OR REPLACE TABLE " + TABLE + " AS\n"
                + "WITH q AS (SELECT\n"
                + "  quantile_cont(CAST(monetary_total AS DOUBLE), [0.80, 0.95]) AS monetary,\n"
                + "  quantile_cont(CAST(aov AS DOUBLE), [0.25, 0.75]) AS aov,\n"
                + "  quantile_cont(CAST(events_30d AS DOUBLE), 0.80) AS events_30d,\n"
                + "  quantile_cont(browse_minutes_per_session, 0.80) AS minutes_per_session,\n"
                + "  quantile_cont(browse_minutes_total, 0.80) AS minutes_total,\n"
                + "  quantile_cont(CAST(views AS DOUBLE), 0.75) AS views,\n"
                + "  quantile_cont(browse_to_buy, 0.80) AS browse_to_buy,\n"
                + "  quantile_cont(CAST(category_breadth AS DOUBLE), 0.80) AS breadth\n"
                + "  FROM features),\n"
                + "pa AS (SELECT model, scored_at FROM predictions ORDER BY scored_at DESC, model LIMIT 1),\n"
                + "pr AS (SELECT user_id, probability FROM predictions JOIN pa USING (model, scored_at)),\n"
                + "cm AS (SELECT m.model, m.cutoff FROM clv_models m WHERE EXISTS (SELECT 1 FROM clv_customers c"
                + " WHERE c.model = m.model AND c.cutoff = m.cutoff AND c.clv IS NOT NULL)"
                + " ORDER BY m.fitted_at DESC, m.model LIMIT 1),\n"
                + "cv AS (SELECT user_id, clv FROM clv_customers JOIN cm USING (model, cutoff) WHERE clv IS NOT NULL),\n"
                + "cq AS (SELECT quantile_cont(clv, [0.50, 0.90]) AS clv FROM cv)\n"
                + "SELECT f.user_id" + select + "\n"
                + "FROM features f CROSS JOIN q CROSS JOIN cq\n"
                + "LEFT JOIN segment_members s ON s.user_id = f.user_id\n"
                + "LEFT JOIN pr ON pr.user_id = f.user_id\n"
                + "LEFT JOIN cv ON cv.user_id = f.user_id\n"
                + "LEFT JOIN thresholds th ON th.user_id = f.user_id";
    }

    static void build(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql());
        }
    }

    /** Users per tag column of the peer's table, in column order. */
    static Map<String, Long> counts(Connection c) throws SQLException {
        List<String> tags = new ArrayList<>(columns().keySet());
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (String tag : tags) {
            sql.append(", count_if(\"").append(tag).append("\")");
        }
        sql.append(" FROM ").append(TABLE);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < tags.size(); i++) {
                counts.put(tags.get(i), rs.getLong(i + 2));
            }
        }
        return counts;
    }
}
