package io.pulse.bench;

import io.pulse.core.activity.Granularity;
import io.pulse.core.activity.Percentiles;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer of {@code pulse activity}: every figure of the analysis written by hand in DuckDB SQL
 * over a Pulse store's {@code events} and {@code users} tables, for the default definition (one
 * event of any type makes a user active), UTC days, the data's whole range, 12-week retention.
 * Every result is fetched into Java, as Pulse's are.
 *
 * <p>The queries are what a careful analyst would write, not a port of Pulse's loops:
 * <ul>
 *   <li>one temp table of distinct (user, day) and one of each user's known-from day;</li>
 *   <li>per granularity, active users and the lifecycle from {@code lag}/{@code lead} over each user's
 *       active periods, known users as a running sum of first-known periods over a
 *       {@code generate_series} grid;</li>
 *   <li>WAU and MAU by merging each user's overlapping 7- or 30-day windows into islands
 *       ({@code lag}/{@code lead} again) and a running sum of island starts minus ends, which is
 *       linear where a range join with {@code count(DISTINCT)} is rows × window;</li>
 *   <li>retention from each user's first active ISO week ({@code min} over a window);</li>
 *   <li>browse percentiles with {@code quantile_cont}.</li>
 * </ul>
 */
final class SqlActivity {

    private static final double[] QUANTILES = {0.10, 0.25, 0.50, 0.75, 0.90, 0.99};

    private SqlActivity() {
    }

    /** A period's counts; {@code start} is the whole period's first day, as in Pulse's report. */
    record Period(LocalDate start, long active, long known, long newUsers, long returning, long resurrecting,
                  long lapsed) {

        long dormant() {
            return known - active;
        }
    }

    record Daily(LocalDate day, long dau, long wau, long mau) {
    }

    /** {@code stickiness} by month start (absent when the month has no active user). */
    record Result(LocalDate from, LocalDate to, Map<Granularity, List<Period>> periods, List<Daily> daily,
                  Map<LocalDate, Double> stickiness, double overallStickiness, double meanMonthlyActiveRate,
                  Map<LocalDate, long[]> retention, Percentiles perSession, Percentiles perUser) {
    }

    static Result analyze(Connection c, int retentionWeeks) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE b_user_day AS "
                    + "SELECT DISTINCT user_id, CAST(ts AS DATE) AS day FROM events");
            LocalDate from;
            LocalDate to;
            try (ResultSet rs = s.executeQuery("SELECT min(day), max(day) FROM b_user_day")) {
                rs.next();
                from = rs.getObject(1, LocalDate.class);
                to = rs.getObject(2, LocalDate.class);
            }
            String fromSql = date(from);
            String toSql = date(to);
            s.execute("CREATE OR REPLACE TEMP TABLE b_known AS "
                    + "SELECT user_id, least(f.first_day, u.signup_date) AS known_day "
                    + "FROM (SELECT user_id, min(day) AS first_day FROM b_user_day GROUP BY user_id) f "
                    + "FULL OUTER JOIN users u USING (user_id)");

            Map<Granularity, List<Period>> periods = new EnumMap<>(Granularity.class);
            for (Granularity g : Granularity.values()) {
                s.execute("CREATE OR REPLACE TEMP TABLE " + periodTable(g) + " AS " + periodSql(g, fromSql, toSql));
                periods.put(g, periods(s, g));
            }
            Map<LocalDate, Double> stickiness = new LinkedHashMap<>();
            double overallStickiness;
            double meanRate;
            try (ResultSet rs = s.executeQuery(stickinessSql(fromSql, toSql))) {
                overallStickiness = Double.NaN;
                meanRate = Double.NaN;
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    if (!rs.wasNull()) {
                        stickiness.put(rs.getObject(1, LocalDate.class), v);
                    }
                    overallStickiness = rs.getDouble(3);
                    meanRate = rs.getDouble(4);
                }
            }
            List<Daily> daily = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(engagementSql(fromSql, toSql))) {
                while (rs.next()) {
                    daily.add(new Daily(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            Map<LocalDate, long[]> retention = retention(s, retentionWeeks, to);
            Percentiles[] browse = browse(s, fromSql, toSql);
            s.execute("DROP TABLE b_user_day");
            s.execute("DROP TABLE b_known");
            for (Granularity g : Granularity.values()) {
                s.execute("DROP TABLE " + periodTable(g));
            }
            return new Result(from, to, periods, daily, stickiness, overallStickiness, meanRate, retention,
                    browse[0], browse[1]);
        }
    }

    /** Names this class's statements for {@link QueryLog}; a span includes fetching its rows. */
    static String stageOf(String sql) {
        if (sql.contains("b_user_day AS")) {
            return "distinct (user, day)";
        }
        if (sql.contains("b_known AS")) {
            return "known-from day per user";
        }
        if (sql.contains("mean_dau")) {
            return "stickiness";
        }
        if (sql.contains("b_period_")) {
            return "periods + lifecycle (day, week, month)";
        }
        if (sql.contains("change AS")) {
            return "DAU / WAU / MAU";
        }
        if (sql.contains("cohort")) {
            return "retention";
        }
        if (sql.contains("quantile_cont")) {
            return "browse percentiles";
        }
        return "other statements";
    }

    private static String periodTable(Granularity g) {
        return "b_period_" + g.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The period holding {@code day} (a DATE expression), as its first day. */
    private static String period(Granularity g, String day) {
        return switch (g) {
            case DAY -> day;
            case WEEK -> "CAST(date_trunc('week', " + day + ") AS DATE)";
            case MONTH -> "CAST(date_trunc('month', " + day + ") AS DATE)";
        };
    }

    private static String step(Granularity g) {
        return switch (g) {
            case DAY -> "INTERVAL 1 DAY";
            case WEEK -> "INTERVAL 7 DAY";
            case MONTH -> "INTERVAL 1 MONTH";
        };
    }

    /**
     * Per period: active users; new (first active period), returning (active the period before),
     * resurrecting (active earlier, not the period before); lapsed (active the period before, not
     * now); known (known-from day on or before the period's end and the range's end).
     */
    static String periodSql(Granularity g, String from, String to) {
        String step = step(g);
        // b_user_day is already one row per user and day; coarser periods need their own DISTINCT.
        String userPeriods = g == Granularity.DAY ? "SELECT user_id, day AS p FROM b_user_day"
                : "SELECT DISTINCT user_id, " + period(g, "day") + " AS p FROM b_user_day";
        return """
                WITH up AS (%1$s),
                seq AS (SELECT p, lag(p) OVER w AS prev, lead(p) OVER w AS next FROM up
                        WINDOW w AS (PARTITION BY user_id ORDER BY p)),
                act AS (SELECT p, count(*) AS active,
                               count(*) FILTER (WHERE prev IS NULL) AS new_users,
                               count(*) FILTER (WHERE prev = p - %2$s) AS returning_users,
                               count(*) FILTER (WHERE prev < p - %2$s) AS resurrecting
                        FROM seq GROUP BY p),
                lapse AS (SELECT CAST(p + %2$s AS DATE) AS p, count(*) AS lapsed FROM seq
                          WHERE next IS NULL OR next > p + %2$s GROUP BY 1),
                first_known AS (SELECT %3$s AS p, count(*) AS n FROM b_known WHERE known_day <= %5$s GROUP BY 1),
                grid AS (SELECT CAST(generate_series AS DATE) AS p
                         FROM generate_series(CAST(%4$s AS TIMESTAMP), CAST(%5$s AS TIMESTAMP), %2$s))
                SELECT grid.p, coalesce(active, 0) AS active,
                       sum(coalesce(first_known.n, 0)) OVER (ORDER BY grid.p) AS known,
                       coalesce(new_users, 0) AS new_users, coalesce(returning_users, 0) AS returning_users,
                       coalesce(resurrecting, 0) AS resurrecting, coalesce(lapsed, 0) AS lapsed
                FROM grid LEFT JOIN act USING (p) LEFT JOIN first_known USING (p) LEFT JOIN lapse USING (p)
                """.formatted(userPeriods, step, period(g, "greatest(known_day, " + from + ")"),
                period(g, from), to);
    }

    private static List<Period> periods(Statement s, Granularity g) throws SQLException {
        List<Period> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + periodTable(g) + " ORDER BY p")) {
            while (rs.next()) {
                out.add(new Period(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)));
            }
        }
        return out;
    }

    /**
     * Per month: mean DAU over its in-range days / its active users; then the means over complete
     * months (over all months when none is complete) of that and of the active rate.
     */
    static String stickinessSql(String from, String to) {
        return """
                WITH m AS (
                    SELECT p, d.mean_dau / nullif(active, 0) AS stickiness,
                           active / nullif(known, 0) AS rate,
                           p >= %1$s AND last_day(p) <= %2$s AS complete
                    FROM b_period_month
                    JOIN (SELECT CAST(date_trunc('month', p) AS DATE) AS p, avg(active) AS mean_dau
                          FROM b_period_day GROUP BY 1) d USING (p))
                SELECT p, stickiness,
                       coalesce(avg(stickiness) FILTER (WHERE complete) OVER (), avg(stickiness) OVER ()),
                       coalesce(avg(rate) FILTER (WHERE complete) OVER (), avg(rate) OVER ())
                FROM m ORDER BY p
                """.formatted(from, to);
    }

    /**
     * DAU, WAU and MAU per day. A user is in the trailing w-day window of every day from an active
     * day d to d + w - 1; two active days closer than w + 1 days give one unbroken stretch, so each
     * stretch adds one user on its first day and removes them w days after its last.
     */
    static String engagementSql(String from, String to) {
        return """
                WITH s AS (SELECT day, lag(day) OVER w AS prev, lead(day) OVER w AS next FROM b_user_day
                           WINDOW w AS (PARTITION BY user_id ORDER BY day)),
                change AS (
                    SELECT day AS on_day, count(*) AS dau,
                           count(*) FILTER (WHERE prev IS NULL OR day - prev > 7) AS wau,
                           count(*) FILTER (WHERE prev IS NULL OR day - prev > 30) AS mau
                    FROM s GROUP BY day
                    UNION ALL
                    SELECT day + 7, 0, -count(*), 0 FROM s WHERE next IS NULL OR next - day > 7 GROUP BY 1
                    UNION ALL
                    SELECT day + 30, 0, 0, -count(*) FROM s WHERE next IS NULL OR next - day > 30 GROUP BY 1),
                per_day AS (SELECT on_day, sum(dau) AS dau, sum(wau) AS wau, sum(mau) AS mau FROM change GROUP BY on_day),
                grid AS (SELECT CAST(generate_series AS DATE) AS day
                         FROM generate_series(CAST(%1$s AS TIMESTAMP), CAST(%2$s AS TIMESTAMP), INTERVAL 1 DAY))
                SELECT grid.day, coalesce(per_day.dau, 0),
                       sum(coalesce(per_day.wau, 0)) OVER (ORDER BY grid.day),
                       sum(coalesce(per_day.mau, 0)) OVER (ORDER BY grid.day)
                FROM grid LEFT JOIN per_day ON per_day.on_day = grid.day ORDER BY grid.day
                """.formatted(from, to);
    }

    /**
     * Cohort (first active ISO week) → users active 0, 1, … weeks later. A later week the range's
     * end cuts short is left out (it would show a false drop), as are weeks past the range.
     */
    private static Map<LocalDate, long[]> retention(Statement s, int weeks, LocalDate to) throws SQLException {
        Map<LocalDate, long[]> out = new LinkedHashMap<>();
        // The Monday of the last week that ends (Sunday) on or before the range's end.
        LocalDate lastFullWeek = to.minusDays(to.getDayOfWeek().getValue() % 7 + 6);
        try (ResultSet rs = s.executeQuery("""
                WITH uw AS (SELECT DISTINCT user_id, CAST(date_trunc('week', day) AS DATE) AS w FROM b_user_day),
                c AS (SELECT w, min(w) OVER (PARTITION BY user_id) AS cohort FROM uw)
                SELECT cohort, (w - cohort) // 7 AS k, count(*) FROM c
                WHERE w - cohort < 7 * %d AND (w = cohort OR w + 6 <= %s) GROUP BY ALL ORDER BY ALL
                """.formatted(weeks, date(to)))) {
            while (rs.next()) {
                LocalDate cohort = rs.getObject(1, LocalDate.class);
                long full = (lastFullWeek.toEpochDay() - cohort.toEpochDay()) / 7 + 1;
                int width = (int) Math.max(1, Math.min(weeks, full));
                out.computeIfAbsent(cohort, k -> new long[width])[rs.getInt(2)] = rs.getLong(3);
            }
        }
        return out;
    }

    /** Seconds per session event and summed per user, from session events in [from, to]. */
    private static Percentiles[] browse(Statement s, String from, String to) throws SQLException {
        StringBuilder q = new StringBuilder("[");
        for (int i = 0; i < QUANTILES.length; i++) {
            q.append(i == 0 ? "" : ", ").append(QUANTILES[i]);
        }
        String quantiles = q.append(']').toString();
        Percentiles[] out = new Percentiles[2];
        try (ResultSet rs = s.executeQuery("""
                WITH sessions AS (SELECT user_id, duration_s AS v FROM events
                                  WHERE type = 'session' AND duration_s IS NOT NULL
                                    AND CAST(ts AS DATE) BETWEEN %1$s AND %2$s),
                per_user AS (SELECT sum(v) AS v FROM sessions GROUP BY user_id)
                SELECT 0, count(*), avg(v), quantile_cont(v, %3$s), max(v) FROM sessions
                UNION ALL
                SELECT 1, count(*), avg(v), quantile_cont(v, %3$s), max(v) FROM per_user
                """.formatted(from, to, quantiles))) {
            while (rs.next()) {
                long n = rs.getLong(2);
                if (n == 0) {
                    out[rs.getInt(1)] = Percentiles.EMPTY;
                    continue;
                }
                Object[] qs = (Object[]) rs.getArray(4).getArray();
                out[rs.getInt(1)] = new Percentiles(n, rs.getDouble(3), num(qs[0]), num(qs[1]), num(qs[2]),
                        num(qs[3]), num(qs[4]), num(qs[5]), rs.getDouble(5));
            }
        }
        return out;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static String date(LocalDate d) {
        return "DATE '" + d + "'";
    }
}
