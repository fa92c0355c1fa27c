package io.pulse.bench.thresholds;

import io.pulse.core.thresholds.GapPrior;
import io.pulse.core.thresholds.ThresholdReason;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The peer of {@code ThresholdRun.run}: every column of the table {@code thresholds}, personal
 * dormancy thresholds and the reason in words included, in hand-written DuckDB SQL, one statement
 * through JDBC after a query for the last event's day. Written from the maths in the Javadoc of
 * {@code GapPrior} and {@code DormancyThreshold} (method-of-moments log-normal prior per segment,
 * normal-normal shrinkage of each user's mean log gap, the q-quantile of the posterior predictive) and
 * the wording of {@code ThresholdReason}.
 *
 * <p>Covers what the benchmark stores hold: segments of {@code segment_members} when the table exists
 * (else everyone in {@code all}), and no predictions, so no engagement cut (a store with predictions
 * is refused rather than compared on half its columns).
 */
public final class PeerThresholds {

    public static final String TABLE = "peer_thresholds";
    /** As {@code ThresholdRun.MIN_PRIOR_USERS}: a segment with fewer users with a gap borrows everyone's prior. */
    static final int MIN_PRIOR_USERS = 30;
    /** As {@code ThresholdReason.LEANS_ON_SEGMENT}: below this weight on their own gaps the reason says so. */
    static final double LEANS_ON_SEGMENT = 0.5;

    private PeerThresholds() {
    }

    /** Φ⁻¹(q), read from Pulse's own segment threshold of a standard normal prior: exp(0 + z·1). */
    static double z(double q) {
        return Math.log(new GapPrior(0, 0, 1, 1).segmentThresholdDays(q));
    }

    /** Replaces {@link #TABLE} with the thresholds at the last event's day for quantile {@code q}. */
    public static void build(Connection c, double q) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (exists(s, "predictions")) {
                throw new IllegalStateException("the SQL peer covers stores without predictions only");
            }
            LocalDate cutoff;
            try (ResultSet rs = s.executeQuery("SELECT CAST(max(ts) AS DATE) FROM events")) {
                rs.next();
                cutoff = rs.getObject(1, LocalDate.class);
            }
            s.execute(sql(cutoff, q, exists(s, "segment_members")));
        }
    }

    static String sql(LocalDate cutoff, double q, boolean segmented) {
        String silence = "u.silent || ' days of silence is ' || CASE WHEN u.silent > u.days THEN 'beyond' ELSE 'within' END";
        return """
                CREATE OR REPLACE TABLE %1$s AS
                WITH days AS (
                    SELECT DISTINCT user_id, CAST(ts AS DATE) AS day FROM events
                    WHERE ts < DATE '%2$s' + INTERVAL 1 DAY
                ), gaps AS (
                    SELECT user_id, day, day - lag(day) OVER (PARTITION BY user_id ORDER BY day) AS gap FROM days
                ), per_user AS (
                    SELECT user_id, count(*) AS active_days, count(gap) AS n,
                        CAST(DATE '%2$s' - max(day) AS INTEGER) AS silent,
                        avg(ln(gap)) AS own,
                        CAST(quantile_cont(gap, 0.5) AS DOUBLE) AS median_gap,
                        var_pop(ln(gap)) * count(gap) AS within
                    FROM gaps GROUP BY user_id
                ), members AS (
                    SELECT p.*, %3$s AS segment FROM per_user p %4$s
                ), moments AS (
                    SELECT segment, grouping(segment) AS everyone, count(own) AS m, avg(own) AS mu0,
                        coalesce(var_samp(own), 0) AS s2, sum(within) AS within,
                        coalesce(sum(n - 1) FILTER (WHERE n > 0), 0) AS df,
                        sum(1.0::DOUBLE / n) FILTER (WHERE n > 0) AS inverse_n
                    FROM members GROUP BY GROUPING SETS ((segment), ())
                ), fitted AS (
                    SELECT segment, everyone, m, mu0, sigma2,
                        greatest(0, s2 - sigma2 * inverse_n / m) AS tau2
                    FROM (SELECT *, CASE WHEN df = 0 THEN 0 ELSE within / df END AS sigma2 FROM moments)
                ), priors AS (
                    SELECT s.segment, CASE WHEN s.m >= %5$d THEN s.mu0 ELSE a.mu0 END AS mu0,
                        CASE WHEN s.m >= %5$d THEN s.tau2 ELSE a.tau2 END AS tau2,
                        CASE WHEN s.m >= %5$d THEN s.sigma2 ELSE a.sigma2 END AS sigma2
                    FROM fitted s, fitted a WHERE s.everyone = 0 AND a.everyone = 1
                ), weighted AS (
                    SELECT m.*, p.mu0, p.tau2, p.sigma2,
                        CASE WHEN m.n = 0 THEN 0
                             WHEN m.n * p.tau2 + p.sigma2 = 0 THEN 1
                             ELSE m.n * p.tau2 / (m.n * p.tau2 + p.sigma2) END AS w
                    FROM members m JOIN priors p USING (segment)
                ), thresholds AS (
                    SELECT *, exp(CASE WHEN n = 0 THEN mu0 ELSE w * own + (1 - w) * mu0 END
                                  + %6$s * sqrt(sigma2 + (1 - w) * tau2)) AS days
                    FROM weighted
                )
                SELECT u.user_id, u.segment, CAST(u.active_days AS INTEGER) AS active_days,
                    u.median_gap AS own_median_gap_days, u.days AS dormancy_threshold_days,
                    u.silent AS days_since_last_active, u.silent > u.days AS beyond_threshold,
                    CAST(NULL AS DOUBLE) AS engagement_threshold, CAST(NULL AS DOUBLE) AS probability,
                    CASE WHEN u.n = 0 THEN
                        CASE WHEN u.active_days = 1 THEN 'only one active day' ELSE 'no active day' END
                        || ', so the threshold is segment ' || u.segment || '''s: ' || %7$s || ' its %8$s'
                        || ' percentile gap (' || %9$s || ' days)'
                    ELSE 'usually returns every ' || %10$s || ' days; ' || %7$s || ' their %8$s percentile ('
                        || %9$s || ' days)'
                        || CASE WHEN u.w < %11$s THEN printf('; with %%d active days it leans on segment %%s'
                            || ' (their own gaps weigh %%.0f%%%%)', u.active_days, u.segment, 100 * u.w) ELSE '' END
                    END || '; no prediction, so no engagement threshold (run ''pulse predict'')' AS reason,
                    DATE '%2$s' AS cutoff
                FROM thresholds u
                """.formatted(TABLE, cutoff,
                segmented ? "coalesce(s.cluster, 'unsegmented')" : "'all'",
                segmented ? "LEFT JOIN segment_members s USING (user_id)" : "",
                MIN_PRIOR_USERS, Double.toString(z(q)), silence, ThresholdReason.percentile(q),
                days("u.days"), days("u.median_gap"), Double.toString(LEANS_ON_SEGMENT));
    }

    /** As {@code ThresholdReason.days}: whole days, one decimal below ten when not whole (half away from zero). */
    private static String days(String d) {
        return "CASE WHEN " + d + " = round(" + d + ") OR " + d + " >= 10 THEN CAST(CAST(round(" + d
                + ") AS BIGINT) AS VARCHAR) ELSE printf('%.1f', " + d + ") END";
    }

    private static boolean exists(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                + table + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
