package io.pulse.bench.features;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The benchmark's peer: the columns of docs/features.md written the way an analyst would, straight
 * from that page rather than from {@code FeatureTable}'s statement. One aggregate per kind of event,
 * each grouped by user, then the users known at the cutoff joined to all of them.
 *
 * <p>The average order value is the exact mean rounded half away from zero to DECIMAL(18,4), in
 * integer arithmetic: {@code avg} of a DECIMAL is a DOUBLE, and a mean that ends in exactly 5 in
 * the fifth decimal (40 orders summing to 1406.09) then rounds up or down with the last bit of the
 * double, which depends on the order DuckDB's threads add the amounts in.
 */
final class PeerFeatures {

    /** The table the peer's features are materialised in, beside Pulse's {@code features}. */
    static final String TABLE = "peer_features";

    private PeerFeatures() {
    }

    /** Builds (replacing) {@link #TABLE} at {@code cutoff}. */
    static void build(Connection c, LocalDate cutoff) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql(cutoff));
        }
    }

    static String sql(LocalDate cutoff) {
        String day = "DATE '" + cutoff + "'";
        String next = "TIMESTAMP '" + cutoff.plusDays(1) + " 00:00:00'";
        return """
                CREATE OR REPLACE TABLE %3$s AS
                WITH ev AS (
                  SELECT user_id, CAST(ts AS DATE) AS d, type, amount, duration_s, category
                  FROM events WHERE ts < %2$s
                ), seen AS (
                  SELECT user_id, min(d) AS first_day, max(d) AS last_day,
                    count(DISTINCT CASE WHEN category <> '' THEN category END) AS categories,
                    sum(CASE WHEN d BETWEEN %1$s - 29 AND %1$s THEN 1 ELSE 0 END) AS recent,
                    sum(CASE WHEN d BETWEEN %1$s - 119 AND %1$s - 30 THEN 1 ELSE 0 END) AS earlier
                  FROM ev GROUP BY user_id
                ), buys AS (
                  SELECT user_id, count(*) AS n, count(DISTINCT d) AS days, max(d) AS last_day,
                    sum(amount) AS spent, count(amount) AS priced
                  FROM ev WHERE type = 'purchase' GROUP BY user_id
                ), refunds AS (
                  SELECT user_id, sum(amount) AS refunded FROM ev WHERE type = 'refund' GROUP BY user_id
                ), visits AS (
                  SELECT user_id, count(*) AS n, sum(duration_s) AS secs, avg(duration_s) AS mean_secs
                  FROM ev WHERE type = 'session' GROUP BY user_id
                ), views AS (
                  SELECT user_id, count(*) AS n FROM ev WHERE type = 'view' GROUP BY user_id
                ), signups AS (
                  SELECT user_id, CASE WHEN signup_date <= %1$s THEN signup_date END AS signup_date,
                    age_band, gender, region, channel
                  FROM users
                ), known AS (
                  SELECT user_id FROM seen
                  UNION
                  SELECT user_id FROM signups WHERE signup_date IS NOT NULL
                ), joined AS (
                  SELECT k.user_id,
                    CASE WHEN u.signup_date IS NULL OR s.first_day < u.signup_date THEN coalesce(s.first_day, u.signup_date)
                      ELSE u.signup_date END AS first_seen,
                    s.last_day AS last_seen, b.last_day AS last_purchase,
                    coalesce(b.n, 0) AS purchases, coalesce(b.days, 0) AS purchase_days,
                    coalesce(b.spent, 0) - coalesce(r.refunded, 0) AS monetary, b.spent, b.priced,
                    coalesce(v.n, 0) AS sessions, v.secs, v.mean_secs, coalesce(w.n, 0) AS views,
                    coalesce(s.categories, 0) AS categories, coalesce(s.recent, 0) AS recent,
                    coalesce(s.earlier, 0) AS earlier,
                    u.signup_date, u.age_band, u.gender, u.region, u.channel
                  FROM known k
                  LEFT JOIN seen s ON s.user_id = k.user_id
                  LEFT JOIN buys b ON b.user_id = k.user_id
                  LEFT JOIN refunds r ON r.user_id = k.user_id
                  LEFT JOIN visits v ON v.user_id = k.user_id
                  LEFT JOIN views w ON w.user_id = k.user_id
                  LEFT JOIN signups u ON u.user_id = k.user_id
                )
                SELECT user_id,
                  %1$s AS cutoff,
                  first_seen,
                  last_seen,
                  CAST(date_diff('day', first_seen, %1$s) AS INTEGER) AS tenure_days,
                  CAST(date_diff('day', last_purchase, %1$s) AS INTEGER) AS recency_days,
                  CAST(date_diff('day', last_seen, %1$s) AS INTEGER) AS days_since_last_visit,
                  CAST(purchases AS BIGINT) AS purchases,
                  CAST(CASE WHEN purchase_days > 1 THEN purchase_days - 1 ELSE 0 END AS BIGINT) AS frequency,
                  CAST(monetary AS DECIMAL(18,4)) AS monetary_total,
                  CAST(CAST(sign(ten_thousandths) * ((2 * abs(ten_thousandths) + priced) // (2 * priced)) AS DECIMAL(38,0))
                    * 0.0001 AS DECIMAL(18,4)) AS aov,
                  CAST(purchases AS DOUBLE) * 30 / greatest(date_diff('day', first_seen, %1$s), 30) AS purchases_per_30d,
                  CAST(sessions AS BIGINT) AS sessions,
                  CAST(sessions AS DOUBLE) * 30 / greatest(date_diff('day', first_seen, %1$s), 30) AS sessions_per_30d,
                  coalesce(secs, 0) / 60 AS browse_minutes_total,
                  mean_secs / 60 AS browse_minutes_per_session,
                  CAST(views AS BIGINT) AS views,
                  CASE WHEN purchases > 0 THEN CAST(views AS DOUBLE) / purchases END AS browse_to_buy,
                  CAST(categories AS BIGINT) AS category_breadth,
                  CAST(recent AS BIGINT) AS events_30d,
                  CAST(earlier AS BIGINT) AS events_prev_90d,
                  CASE WHEN earlier > 0 THEN (recent / 30.0) / (earlier / 90.0) END AS activity_trend,
                  signup_date, age_band, gender, region, channel
                FROM (SELECT *, CAST(spent * 10000 AS HUGEINT) AS ten_thousandths FROM joined)
                """.formatted(day, next, TABLE);
    }
}
