package io.pulse.store.features;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.Sql;
import io.pulse.store.StoreException;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row per user known at a cutoff day, with RFM, browsing and trend features, materialised in
 * the store as the table {@code features} (see docs/features.md for every column).
 *
 * <p>Only events with {@code ts < cutoff + 1 day} (UTC) are read, and a user is in the table only
 * when known on or before the cutoff (first such event, or a signup date on or before it); a signup
 * date after the cutoff is treated as unknown. So loading later data and rebuilding at the same
 * cutoff gives the same table, which is what makes the features safe for training a model on the
 * period after the cutoff. User attributes other than the signup date are the store's current ones
 * (the store keeps no history of them).
 */
public final class FeatureTable {

    /** The table the features are materialised in. */
    public static final String TABLE = "features";

    private FeatureTable() {
    }

    /** What a build produced. */
    public record FeatureSummary(LocalDate cutoff, long users, List<String> columns, double seconds) {
    }

    /** Count, mean, median and 90th percentile (linear interpolation) of one numeric column, NULLs left out. */
    public record ColumnStats(String column, long count, Double mean, Double median, Double p90) {
    }

    /** Builds (replacing) the features table at {@code cutoff}. */
    public static FeatureSummary build(PulseStore store, LocalDate cutoff) {
        List<String> categories = new ArrayList<>();
        long before = eventsBefore(store, cutoff, categories);
        if (before == 0) {
            LocalDate first = firstEventDay(store);
            throw new PulseInputException("--cutoff", 0, "cutoff", first == null
                    ? "the store has no events: run 'pulse ingest FILE' first"
                    : "cutoff " + cutoff + " is before the first event (" + first + "); choose a day on or after it");
        }
        long started = System.nanoTime();
        execute(store, sql(cutoff, categories));
        double seconds = (System.nanoTime() - started) / 1e9;
        return new FeatureSummary(cutoff, store.scalarLong("SELECT count(*) FROM " + TABLE), columns(store), seconds);
    }

    /**
     * Events before the end of {@code cutoff}, adding their distinct categories to {@code categories}:
     * one scan of two low-cardinality columns, a few percent of the build.
     */
    private static long eventsBefore(PulseStore store, LocalDate cutoff, List<String> categories) {
        long[] count = new long[1];
        query(store, "SELECT count(*), list(DISTINCT category ORDER BY category) FILTER (WHERE category IS NOT NULL)"
                + " FROM events WHERE ts < " + end(cutoff), rs -> {
            rs.next();
            count[0] = rs.getLong(1);
            Array list = rs.getArray(2);
            if (list != null) {
                for (Object c : (Object[]) list.getArray()) {
                    categories.add((String) c);
                }
            }
        });
        return count[0];
    }

    /** The UTC day of the last event, or null for an empty store. */
    public static LocalDate lastEventDay(PulseStore store) {
        return day(store, "SELECT CAST(max(ts) AS DATE) FROM events");
    }

    /** The UTC day of the first event, or null for an empty store. */
    public static LocalDate firstEventDay(PulseStore store) {
        return day(store, "SELECT CAST(min(ts) AS DATE) FROM events");
    }

    /** Writes the features table to {@code file}: Parquet for a .parquet name, CSV (with header) for .csv. */
    public static void export(PulseStore store, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format;
        if (name.endsWith(".parquet")) {
            format = "(FORMAT PARQUET)";
        } else if (name.endsWith(".csv")) {
            format = "(FORMAT CSV, HEADER true)";
        } else {
            throw new PulseInputException(file.toString(), "export file must end in .parquet or .csv");
        }
        execute(store, "COPY " + TABLE + " TO " + Sql.literal(file.toAbsolutePath().toString()) + " " + format);
    }

    /** Column names of the features table, in order. */
    public static List<String> columns(PulseStore store) {
        List<String> out = new ArrayList<>();
        query(store, "SELECT * FROM " + TABLE + " LIMIT 0", rs -> {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnName(i));
            }
        });
        return out;
    }

    /** Statistics of every numeric column of the features table. */
    public static List<ColumnStats> describe(PulseStore store) {
        List<String> numeric = new ArrayList<>();
        query(store, "SELECT column_name FROM information_schema.columns WHERE table_name = " + Sql.literal(TABLE)
                + " AND (data_type LIKE 'DECIMAL%' OR data_type IN ('BIGINT', 'INTEGER', 'DOUBLE', 'HUGEINT'))"
                + " ORDER BY ordinal_position", rs -> {
            while (rs.next()) {
                numeric.add(rs.getString(1));
            }
        });
        List<ColumnStats> out = new ArrayList<>();
        for (String column : numeric) {
            String c = "CAST(" + Sql.identifier(column) + " AS DOUBLE)";
            query(store, "SELECT count(" + c + "), avg(" + c + "), quantile_cont(" + c + ", 0.5), quantile_cont(" + c
                    + ", 0.9) FROM " + TABLE, rs -> {
                rs.next();
                out.add(new ColumnStats(column, rs.getLong(1), nullable(rs, 2), nullable(rs, 3), nullable(rs, 4)));
            });
        }
        return out;
    }

    /** The first {@code n} rows by user_id, each as column → value (dates as ISO strings, money as numbers). */
    public static List<Map<String, Object>> sample(PulseStore store, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        query(store, "SELECT * FROM " + TABLE + " ORDER BY user_id LIMIT " + n, rs -> {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(md.getColumnName(i), v instanceof java.time.temporal.TemporalAccessor || v instanceof java.sql.Date
                            ? v.toString() : v);
                }
                out.add(row);
            }
        });
        return out;
    }

    /**
     * The statement that builds the table; every date below is a UTC calendar day.
     *
     * <p>Shaped for speed, each kind of work where DuckDB does it cheapest (about twice as fast as
     * one aggregate with DISTINCTs, see pulse-bench's FeatureBench): one grouped pass over all
     * events for what every event feeds; purchases and refunds, a few percent of events, grouped on
     * their own, so their DISTINCT purchase days hash only purchase rows; and the category breadth as
     * the bits set in a 64-bit mask of the {@code categories} seen, one bit per category, instead
     * of a DISTINCT that hashes every (user, category) pair. The bit comes from joining the events
     * to a small table of the categories as they are read (cheaper than {@code list_position} or an
     * ENUM cast per row), so the pass over them carries a number rather than a string. With no
     * category, or more than 64, it falls back to {@code count(DISTINCT category)}.
     *
     * <p>The average order value is the exact mean rounded half away from zero, in integer
     * arithmetic: {@code avg} of a DECIMAL is a DOUBLE, and a mean that ends in exactly 5 in the
     * fifth decimal (8 orders summing to 311.09) would round up or down with the last bit of the
     * double, which depends on the order DuckDB's threads add the amounts in.
     */
    static String sql(LocalDate cutoff, List<String> categories) {
        String c = "DATE " + Sql.literal(cutoff.toString());
        boolean mask = !categories.isEmpty() && categories.size() <= Long.SIZE;
        String events = "events";
        String category = "category";
        String breadth = "count(DISTINCT category)";
        if (mask) {
            List<String> bits = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) {
                bits.add("(" + Sql.literal(categories.get(i)) + ", CAST(1 AS UBIGINT) << " + i + ")");
            }
            events = "events LEFT JOIN (VALUES " + String.join(", ", bits) + ") category_bit(name, bit)"
                    + " ON events.category = category_bit.name";
            category = "category_bit.bit AS category";
            breadth = "coalesce(bit_count(bit_or(category)), 0)";
        }
        return "CREATE OR REPLACE TABLE " + TABLE + " AS\n"
                + "WITH e AS (\n"
                + "  SELECT user_id, CAST(ts AS DATE) AS day, type, amount, duration_s, " + category + "\n"
                + "  FROM " + events + " WHERE ts < " + end(cutoff) + "\n"
                + "), every_event AS (\n"
                + "  SELECT user_id,\n"
                + "    min(day) AS first_event, max(day) AS last_seen,\n"
                + "    count(*) FILTER (WHERE type = 'session') AS sessions,\n"
                + "    coalesce(sum(duration_s) FILTER (WHERE type = 'session'), 0) / 60.0 AS browse_minutes_total,\n"
                + "    avg(duration_s) FILTER (WHERE type = 'session') / 60.0 AS browse_minutes_per_session,\n"
                + "    count(*) FILTER (WHERE type = 'view') AS views,\n"
                + "    " + breadth + " AS category_breadth,\n"
                + "    count(*) FILTER (WHERE day > " + c + " - 30) AS events_30d,\n"
                + "    count(*) FILTER (WHERE day <= " + c + " - 30 AND day > " + c + " - 120) AS events_prev_90d\n"
                + "  FROM e GROUP BY user_id\n"
                + "), bought AS (\n"
                + "  SELECT user_id, max(day) AS last_purchase, count(*) AS purchases, count(DISTINCT day) AS purchase_days,\n"
                + "    sum(amount) AS spent, count(amount) AS priced\n"
                + "  FROM e WHERE type = 'purchase' GROUP BY user_id\n"
                + "), refunded AS (\n"
                + "  SELECT user_id, sum(amount) AS refunds FROM e WHERE type = 'refund' GROUP BY user_id\n"
                + "), per_user AS (\n"
                + "  SELECT a.*, b.* EXCLUDE (user_id),\n"
                + "    coalesce(b.spent, 0) - coalesce(r.refunds, 0) AS monetary_total,\n"
                + "    CAST(b.spent * 10000 AS HUGEINT) AS spent_units\n"
                + "  FROM every_event a LEFT JOIN bought b ON b.user_id = a.user_id LEFT JOIN refunded r ON r.user_id = a.user_id\n"
                + "), known AS (\n"
                + "  SELECT coalesce(p.user_id, u.user_id) AS user_id, p.* EXCLUDE (user_id),\n"
                + "    CASE WHEN u.signup_date <= " + c + " THEN u.signup_date END AS signup_date,\n"
                + "    u.age_band, u.gender, u.region, u.channel\n"
                + "  FROM per_user p FULL OUTER JOIN users u ON p.user_id = u.user_id\n"
                + "  WHERE p.user_id IS NOT NULL OR u.signup_date <= " + c + "\n"
                + "), dated AS (\n"
                + "  SELECT *, least(first_event, signup_date) AS first_seen,\n"
                + "    CAST(" + c + " - least(first_event, signup_date) AS INTEGER) AS tenure_days\n"
                + "  FROM known\n"
                + ")\n"
                + "SELECT user_id,\n"
                + "  " + c + " AS cutoff,\n"
                + "  first_seen, last_seen, tenure_days,\n"
                + "  CAST(" + c + " - last_purchase AS INTEGER) AS recency_days,\n"
                + "  CAST(" + c + " - last_seen AS INTEGER) AS days_since_last_visit,\n"
                + "  CAST(coalesce(purchases, 0) AS BIGINT) AS purchases,\n"
                + "  CAST(greatest(coalesce(purchase_days, 0) - 1, 0) AS BIGINT) AS frequency,\n"
                + "  CAST(coalesce(monetary_total, 0) AS DECIMAL(18,4)) AS monetary_total,\n"
                + "  CAST(CAST(sign(spent_units) * ((2 * abs(spent_units) + priced) // (2 * priced)) AS DECIMAL(38,0)) * 0.0001"
                + " AS DECIMAL(18,4)) AS aov,\n"
                + "  coalesce(purchases, 0) * 30.0 / greatest(tenure_days, 30) AS purchases_per_30d,\n"
                + "  CAST(coalesce(sessions, 0) AS BIGINT) AS sessions,\n"
                + "  coalesce(sessions, 0) * 30.0 / greatest(tenure_days, 30) AS sessions_per_30d,\n"
                + "  CAST(coalesce(browse_minutes_total, 0) AS DOUBLE) AS browse_minutes_total,\n"
                + "  CAST(browse_minutes_per_session AS DOUBLE) AS browse_minutes_per_session,\n"
                + "  CAST(coalesce(views, 0) AS BIGINT) AS views,\n"
                + "  CASE WHEN purchases > 0 THEN CAST(views AS DOUBLE) / purchases END AS browse_to_buy,\n"
                + "  CAST(coalesce(category_breadth, 0) AS BIGINT) AS category_breadth,\n"
                + "  CAST(coalesce(events_30d, 0) AS BIGINT) AS events_30d,\n"
                + "  CAST(coalesce(events_prev_90d, 0) AS BIGINT) AS events_prev_90d,\n"
                + "  CASE WHEN events_prev_90d > 0 THEN (coalesce(events_30d, 0) / 30.0) / (events_prev_90d / 90.0) END"
                + " AS activity_trend,\n"
                + "  signup_date, age_band, gender, region, channel\n"
                + "FROM dated ORDER BY user_id";
    }

    private static String end(LocalDate cutoff) {
        return "TIMESTAMP " + Sql.literal(cutoff.plusDays(1) + " 00:00:00");
    }

    private interface Reader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(PulseStore store, String sql, Reader reader) {
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            reader.read(rs);
        } catch (SQLException e) {
            throw new StoreException("features query failed: " + e.getMessage(), e);
        }
    }

    private static void execute(PulseStore store, String sql) {
        try (Statement s = store.connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("features statement failed: " + e.getMessage(), e);
        }
    }

    private static LocalDate day(PulseStore store, String sql) {
        LocalDate[] out = new LocalDate[1];
        query(store, sql, rs -> {
            rs.next();
            out[0] = rs.getObject(1, LocalDate.class);
        });
        return out[0];
    }

    private static Double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
