package io.pulse.store.activity;

import io.pulse.core.Provenance;
import io.pulse.core.activity.ActivityAnalyzer;
import io.pulse.core.activity.ActivityDefinition;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.core.activity.ActivityReport;
import io.pulse.core.activity.BrowseDistribution;
import io.pulse.core.activity.DailyActivity;
import io.pulse.core.event.EventType;
import io.pulse.store.PulseStore;
import io.pulse.store.Sql;
import io.pulse.store.StoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Activity analysis over a store: DuckDB reduces events to one row per user and day (the heavy
 * part, done where the data is), and {@link ActivityAnalyzer} computes every metric from those
 * rows in one pass over primitive arrays.
 *
 * <p>Browse time comes from {@code session} events' duration_s; a store with no session events
 * falls back to {@code view} events. Days are calendar days in {@code zone} (UTC by default).
 */
public final class StoreActivity {

    private StoreActivity() {
    }

    /** The analysis and the browse-time distribution, with how they were made. */
    public record ActivityAnalysis(ActivityReport report, BrowseDistribution browse, String browseSource,
                                   Provenance provenance) {
    }

    public static ActivityAnalysis analyze(PulseStore store, ActivityOptions options, ZoneId zone) {
        DailyActivity data = load(store, options.definition(), zone);
        ActivityReport report = ActivityAnalyzer.analyze(data, options);
        String browseType = browseType(store);
        BrowseDistribution browse = browse(store, report.from(), report.to(), zone, browseType);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("definition", options.definition().describe());
        params.put("zone", zone.getId());
        params.put("benchmark_band", options.band().low() + "-" + options.band().high());
        params.put("browse_source", browseType + " events");
        Provenance provenance = new Provenance(store.path().toString() + " (" + store.eventCount() + " events)",
                report.from(), report.to(), params, null, Provenance.pulseVersion(), Instant.now());
        return new ActivityAnalysis(report, browse, browseType, provenance);
    }

    /** One row per (user, day) with any event; events counted only for the definition's types. */
    public static DailyActivity load(PulseStore store, ActivityDefinition definition, ZoneId zone) {
        Connection c = store.connection();
        String day = "CAST(" + local("ts", zone) + " AS DATE)";
        String counted = definition.eventTypes().isEmpty() ? "count(*)"
                : "count(*) FILTER (WHERE type IN (" + definition.eventTypes().stream()
                .map(t -> Sql.literal(EventType.of(t).name())).collect(Collectors.joining(", ")) + "))";
        String browseType = Sql.literal(browseType(store));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE __pulse_user_index AS "
                    + "WITH first_seen AS (SELECT user_id, min(" + day + ") AS first_day FROM events GROUP BY user_id) "
                    + "SELECT user_id, least(f.first_day, u.signup_date) AS known_day, "
                    + "CAST(row_number() OVER (ORDER BY user_id) - 1 AS INTEGER) AS ix "
                    + "FROM first_seen f FULL OUTER JOIN users u USING (user_id)");
            try {
                int users = (int) store.scalarLong("SELECT count(*) FROM __pulse_user_index");
                // The builder grows as rows arrive; counting the rows first would aggregate all events twice.
                DailyActivity.Builder b = DailyActivity.builder(users);
                try (ResultSet rs = s.executeQuery("SELECT ix, CAST(known_day - DATE '1970-01-01' AS INTEGER) "
                        + "FROM __pulse_user_index WHERE known_day IS NOT NULL")) {
                    while (rs.next()) {
                        b.knownFrom(rs.getInt(1), rs.getInt(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT i.ix, CAST(" + day + " - DATE '1970-01-01' AS INTEGER) AS d, "
                        + counted + ", coalesce(sum(duration_s) FILTER (WHERE type = " + browseType + "), 0) "
                        + "FROM events e JOIN __pulse_user_index i USING (user_id) GROUP BY 1, 2 ORDER BY 1, 2")) {
                    while (rs.next()) {
                        b.add(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4));
                    }
                }
                return b.build();
            } finally {
                s.execute("DROP TABLE IF EXISTS __pulse_user_index");
            }
        } catch (SQLException e) {
            throw new StoreException("activity query failed: " + e.getMessage(), e);
        }
    }

    /** Browse seconds per session and per user (summed) within [from, to]. */
    public static BrowseDistribution browse(PulseStore store, LocalDate from, LocalDate to, ZoneId zone,
                                            String browseType) {
        String where = "type = " + Sql.literal(browseType) + " AND duration_s IS NOT NULL AND CAST("
                + local("ts", zone) + " AS DATE) BETWEEN " + Sql.literal(from.toString()) + "::DATE AND "
                + Sql.literal(to.toString()) + "::DATE";
        double[] perSession = browseType.equals("session")
                ? doubles(store, "SELECT duration_s FROM events WHERE " + where) : new double[0];
        double[] perUser = doubles(store, "SELECT sum(duration_s) FROM events WHERE " + where + " GROUP BY user_id");
        return BrowseDistribution.of(perSession, perUser);
    }

    /** "session" when the store has session events, else "view". */
    public static String browseType(PulseStore store) {
        return store.scalarLong("SELECT count(*) FROM (SELECT 1 FROM events WHERE type = 'session' LIMIT 1)") > 0
                ? "session" : "view";
    }

    /** SQL for a stored UTC timestamp as wall-clock time in {@code zone}. */
    static String local(String column, ZoneId zone) {
        if (zone.normalized().equals(ZoneId.of("UTC").normalized())) {
            return column;
        }
        return "timezone(" + Sql.literal(zone.getId()) + ", CAST(" + column + " AS TIMESTAMPTZ))";
    }

    private static double[] doubles(PulseStore store, String sql) {
        double[] out = new double[1 << 16];
        int n = 0;
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = rs.getDouble(1);
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (SQLException e) {
            throw new StoreException("browse query failed: " + e.getMessage(), e);
        }
    }
}
