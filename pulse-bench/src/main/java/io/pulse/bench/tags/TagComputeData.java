package io.pulse.bench.tags;

import io.pulse.store.PulseStore;
import io.pulse.store.clv.ClvRun;
import io.pulse.store.prediction.PredictRun;
import io.pulse.store.segments.SegmentTables;
import io.pulse.store.thresholds.ThresholdTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A store whose {@code features} table and model tables are drawn at random in DuckDB SQL rather than
 * derived from events: 10M users of events would take hours to generate and ingest here, and tag
 * computation reads only these tables. Columns follow docs/features.md (types, NULLs: {@code recency_days},
 * {@code aov} and {@code browse_to_buy} NULL without purchases, {@code days_since_last_visit} NULL without
 * events, attributes NULL for users without a users-file row); the model tables are created with the
 * store's own DDLs and hold one run each for the same users.
 *
 * <p>Built once in {@code dir/pulse.duckdb} and reused while {@code built-with.txt} beside it names the
 * same users, seed and cutoff.
 */
final class TagComputeData {

    static final LocalDate CUTOFF = LocalDate.of(2026, 10, 31);
    static final double SEED = 0.7;
    static final List<String> AGE_BANDS = List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
    static final List<String> GENDERS = List.of("f", "m", "x");
    static final List<String> REGIONS = List.of("north", "south", "east", "west", "central");
    static final List<String> CHANNELS = List.of("organic", "paid_search", "social", "email", "affiliate", "app");
    static final List<String> CLUSTERS = List.of("loyal", "big_spenders", "occasional", "at_risk", "window_shoppers",
            "light_browsers");
    static final String PREDICTION_MODEL = "gbt-active-30d";
    static final String CLV_MODEL = "bgnbd+gg";

    private TagComputeData() {
    }

    /** The store at {@code dir/pulse.duckdb}, built when missing or made with other settings. */
    static Path prepare(Path dir, int users, PrintStream out) throws IOException, SQLException {
        Files.createDirectories(dir);
        Path db = dir.resolve("pulse.duckdb");
        Path marker = dir.resolve("built-with.txt");
        String config = String.format(Locale.ROOT, "users=%d seed=%s cutoff=%s%n", users, SEED, CUTOFF);
        if (Files.exists(db) && Files.exists(marker) && Files.readString(marker).equals(config)) {
            out.println("reusing " + db);
            return db;
        }
        Files.deleteIfExists(marker);
        Files.deleteIfExists(db);
        Files.deleteIfExists(dir.resolve("pulse.duckdb.wal"));
        long t0 = System.nanoTime();
        try (PulseStore store = PulseStore.open(db); Statement s = store.connection().createStatement()) {
            s.execute("SELECT setseed(" + SEED + ")");
            s.execute(features(users));
            s.execute(SegmentTables.DDL);
            s.execute(PredictRun.DDL);
            s.execute(ClvRun.DDL);
            s.execute(ThresholdTable.DDL);
            for (String sql : models()) {
                s.execute(sql);
            }
            s.execute("CHECKPOINT");
        }
        Files.writeString(marker, config);
        out.printf(Locale.ROOT, "built %s (%,d users) in %.0f s%n", db, users, (System.nanoTime() - t0) / 1e9);
        return db;
    }

    /**
     * One row per user. Uniforms u1..u24 per row; normals by Box–Muller. About 3% of users were only
     * signed up (no event), 40% of the rest bought; amounts are log-normal (heavy right tail), some buyers
     * refunded part of it (a few net negative); counts are geometric or log-normal, so most are small.
     */
    static String features(int users) {
        String c = "DATE '" + CUTOFF + "'";
        StringBuilder uniforms = new StringBuilder();
        for (int k = 1; k <= 24; k++) {
            uniforms.append(", random() AS u").append(k);
        }
        return "CREATE TABLE features AS\n"
                + "WITH r AS (SELECT i" + uniforms + " FROM range(" + users + ") t(i)),\n"
                + "n AS (SELECT *,\n"
                + "  sqrt(-2 * ln(1 - u6)) * cos(2 * pi() * u7) AS z1, sqrt(-2 * ln(1 - u6)) * sin(2 * pi() * u7) AS z2,\n"
                + "  sqrt(-2 * ln(1 - u12)) * cos(2 * pi() * u13) AS z3, sqrt(-2 * ln(1 - u12)) * sin(2 * pi() * u13) AS z4,\n"
                + "  sqrt(-2 * ln(1 - u15)) * cos(2 * pi() * u16) AS z5, sqrt(-2 * ln(1 - u15)) * sin(2 * pi() * u16) AS z6\n"
                + "  FROM r),\n"
                + "a AS (SELECT *,\n"
                + "  CAST(least(floor(-ln(1 - u1) * 400), 2500) AS INTEGER) AS tenure,\n"
                + "  u2 < 0.03 AS silent\n"
                + "  FROM n),\n"
                + "b AS (SELECT *,\n"
                + "  NOT silent AND u3 < 0.4 AS buyer,\n"
                + "  CASE WHEN silent THEN NULL ELSE CAST(least(floor(-ln(1 - u10) * 45), tenure) AS INTEGER) END AS dslv,\n"
                + "  CASE WHEN silent THEN 0 ELSE CAST(floor(exp(1.6 + 1.1 * z2)) AS BIGINT) END AS n_sessions\n"
                + "  FROM a),\n"
                + "p AS (SELECT *,\n"
                + "  CASE WHEN buyer THEN CAST(1 + floor(-ln(1 - u4) * 2.5) AS BIGINT) ELSE 0 END AS n_purchases,\n"
                + "  exp(3.6 + 0.9 * z1) AS unit_amount\n"
                + "  FROM b),\n"
                + "q AS (SELECT *,\n"
                + "  CASE WHEN buyer THEN CAST(floor(u5 * n_purchases) AS BIGINT) ELSE 0 END AS repeat_days,\n"
                + "  CASE WHEN buyer THEN n_purchases * unit_amount"
                + " - CASE WHEN u8 < 0.08 THEN n_purchases * unit_amount * u9 * 1.1 ELSE 0 END ELSE 0 END AS net,\n"
                + "  CASE WHEN silent THEN 0 ELSE CAST(floor(n_sessions * exp(0.8 + 0.6 * z4) + 3 * u17) AS BIGINT) END AS n_views,\n"
                + "  CASE WHEN silent OR dslv > 29 THEN 0 ELSE CAST(floor(exp(1.2 + 1.2 * z5)) AS BIGINT) END AS e30,\n"
                + "  CASE WHEN silent OR tenure < 30 OR u11 < 0.35 THEN 0 ELSE CAST(floor(exp(2 + 1.1 * z6)) AS BIGINT) END AS e90\n"
                + "  FROM p)\n"
                + "SELECT 'u' || lpad(CAST(i AS VARCHAR), 9, '0') AS user_id,\n"
                + "  " + c + " AS cutoff,\n"
                + "  CAST(" + c + " - tenure AS DATE) AS first_seen,\n"
                + "  CAST(" + c + " - dslv AS DATE) AS last_seen,\n"
                + "  tenure AS tenure_days,\n"
                + "  CASE WHEN buyer THEN CAST(least(dslv + floor(-ln(1 - u14) * 60), tenure) AS INTEGER) END AS recency_days,\n"
                + "  dslv AS days_since_last_visit,\n"
                + "  n_purchases AS purchases,\n"
                + "  repeat_days AS frequency,\n"
                + "  CAST(round(net, 4) AS DECIMAL(18,4)) AS monetary_total,\n"
                + "  CASE WHEN buyer THEN CAST(round(unit_amount, 4) AS DECIMAL(18,4)) END AS aov,\n"
                + "  n_purchases * 30.0 / greatest(tenure, 30) AS purchases_per_30d,\n"
                + "  n_sessions AS sessions,\n"
                + "  n_sessions * 30.0 / greatest(tenure, 30) AS sessions_per_30d,\n"
                + "  CASE WHEN n_sessions > 0 THEN n_sessions * exp(1.4 + 0.7 * z3) ELSE 0 END AS browse_minutes_total,\n"
                + "  CASE WHEN n_sessions > 0 THEN exp(1.4 + 0.7 * z3) END AS browse_minutes_per_session,\n"
                + "  n_views AS views,\n"
                + "  CASE WHEN n_purchases > 0 THEN CAST(n_views AS DOUBLE) / n_purchases END AS browse_to_buy,\n"
                + "  CASE WHEN silent THEN 0 ELSE CAST(least(1 + floor(-ln(1 - u18) * 1.8), 25) AS BIGINT) END AS category_breadth,\n"
                + "  e30 AS events_30d,\n"
                + "  e90 AS events_prev_90d,\n"
                + "  CASE WHEN e90 > 0 THEN (e30 / 30.0) / (e90 / 90.0) END AS activity_trend,\n"
                + "  CASE WHEN silent OR u19 < 0.85 THEN CAST(" + c + " - tenure AS DATE) END AS signup_date,\n"
                + "  " + pick("u20", "u21", AGE_BANDS, 0.08) + " AS age_band,\n"
                + "  " + pick("u20", "u22", GENDERS, 0.03) + " AS gender,\n"
                + "  " + pick("u20", "u23", REGIONS, 0.0) + " AS region,\n"
                + "  " + pick("u20", "u24", CHANNELS, 0.02) + " AS channel\n"
                + "FROM q ORDER BY user_id";
    }

    /**
     * A value of {@code values}, skewed towards the first ones (weights 1/(k+1)); NULL for the 5% of users
     * without a users-file row ({@code row} < 0.05) and for a further {@code missing} share.
     */
    private static String pick(String row, String u, List<String> values, double missing) {
        double total = 0;
        for (int k = 0; k < values.size(); k++) {
            total += 1.0 / (k + 2);
        }
        StringBuilder b = new StringBuilder("CASE WHEN " + row + " < 0.05 OR " + u + " < " + missing + " THEN NULL");
        double cumulative = missing;
        for (int k = 0; k < values.size() - 1; k++) {
            cumulative += (1 - missing) * (1.0 / (k + 2)) / total;
            b.append(String.format(Locale.ROOT, " WHEN %s < %.6f THEN '%s'", u, cumulative, values.get(k)));
        }
        return b.append(" ELSE '").append(values.get(values.size() - 1)).append("' END").toString();
    }

    /** One run of each model over the users, its values driven by their features plus noise. */
    static List<String> models() {
        String c = "DATE '" + CUTOFF + "'";
        return List.of(
                "INSERT INTO segment_members SELECT user_id, CASE"
                        + " WHEN purchases = 0 AND sessions < 3 THEN 'light_browsers'"
                        + " WHEN purchases = 0 THEN 'window_shoppers'"
                        + " WHEN days_since_last_visit > 90 THEN 'at_risk'"
                        + " WHEN monetary_total > 1000 THEN 'big_spenders'"
                        + " WHEN frequency >= 3 THEN 'loyal' ELSE 'occasional' END,"
                        + " CASE WHEN monetary_total > 500 THEN 'high' WHEN monetary_total > 0 THEN 'mid' ELSE 'none' END,"
                        + " r || '-' || f || '-' || m, r, f, m, cutoff"
                        + " FROM (SELECT *, CAST(1 + floor(least(days_since_last_visit, 364) / 73) AS INTEGER) AS r,"
                        + " CAST(least(frequency, 4) + 1 AS INTEGER) AS f,"
                        + " CAST(CASE WHEN monetary_total <= 0 THEN 1 WHEN monetary_total < 50 THEN 2 WHEN monetary_total < 200 THEN 3"
                        + " WHEN monetary_total < 1000 THEN 4 ELSE 5 END AS INTEGER) AS m"
                        + " FROM features WHERE days_since_last_visit IS NOT NULL)",
                "INSERT INTO predictions SELECT user_id, '" + PREDICTION_MODEL + "', cutoff, 30, 'active_30d', p,"
                        + " row_number() OVER (ORDER BY p DESC, user_id)"
                        + " FROM (SELECT user_id, cutoff, 1 / (1 + exp(-(1.5 - coalesce(days_since_last_visit, 400) / 25.0"
                        + " + 0.4 * ln(1 + events_30d) + 2 * (random() - 0.5)))) AS p FROM features)",
                "INSERT INTO clv_models VALUES ('" + CLV_MODEL + "', " + c + ", 'week',"
                        + " '{\"r\":0.24,\"alpha\":4.41,\"a\":0.79,\"b\":2.43,\"p\":6.25,\"q\":3.74,\"v\":15.44}',"
                        + " -1234567.8, (SELECT count(*) FROM features), TIMESTAMP '2026-11-01 02:00:00')",
                "INSERT INTO clv_customers SELECT user_id, '" + CLV_MODEL + "', cutoff, 'week', x, t_x, \"T\", m_x,"
                        + " p_alive, e, ea, e * ea * 0.95"
                        + " FROM (SELECT *, p_alive * (x + 0.25) * 52 / (\"T\" + 10) AS e, 0.8 * m_x + 9 AS ea"
                        + " FROM (SELECT user_id, cutoff, CAST(frequency AS DOUBLE) AS x,"
                        + " CASE WHEN purchases > 0 THEN (tenure_days - recency_days) / 7.0 ELSE 0 END AS t_x,"
                        + " tenure_days / 7.0 AS \"T\", coalesce(CAST(aov AS DOUBLE), 0) AS m_x,"
                        + " CASE WHEN purchases = 0 THEN 1.0 ELSE 1 / (1 + recency_days / 120.0 * random()) END AS p_alive"
                        + " FROM features))",
                "INSERT INTO thresholds SELECT user_id, segment, active_days, gap, threshold, days_since_last_visit,"
                        + " CASE WHEN threshold IS NOT NULL THEN days_since_last_visit > threshold END, 0.5, 0.9,"
                        + " CASE WHEN threshold IS NULL THEN 'too few active days'"
                        + " WHEN days_since_last_visit > threshold THEN 'silent beyond own threshold'"
                        + " ELSE 'within own threshold' END, cutoff"
                        + " FROM (SELECT *, CASE WHEN active_days >= 2 OR random() < 0.9"
                        + " THEN exp(2.5 + 0.8 * random()) * 2 END AS threshold,"
                        + " CASE WHEN active_days >= 3 THEN exp(1.5 + random()) END AS gap"
                        + " FROM (SELECT user_id, cutoff, days_since_last_visit,"
                        + " CASE WHEN sessions > 20 THEN 'heavy' WHEN sessions > 5 THEN 'regular' ELSE 'light' END AS segment,"
                        + " CAST(1 + least(sessions, 300) AS INTEGER) AS active_days"
                        + " FROM features WHERE days_since_last_visit IS NOT NULL))");
    }

    static void dropTagTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String t : List.of("tag_versions", "tag_users", "tag_bitmaps", "tag_definitions", PeerTags.TABLE)) {
                s.execute("DROP TABLE IF EXISTS " + t);
            }
            s.execute("CHECKPOINT");
        }
    }
}
