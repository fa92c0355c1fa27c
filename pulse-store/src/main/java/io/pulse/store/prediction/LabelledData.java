package io.pulse.store.prediction;

import io.pulse.core.PulseInputException;
import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.progress.Progress;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.features.FeatureTable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * User-cutoff rows for activity prediction, materialised as the table {@code labelled_rows}: for each
 * cutoff, every user of the feature table at that cutoff ({@link FeatureTable}: only events up to the
 * end of the cutoff day), with the label "active in the {@code horizonDays} after it", i.e. an event
 * (or a purchase) with {@code cutoff + 1 day <= ts < cutoff + 1 + horizon days}.
 *
 * <p>Cutoffs run back from the last day whose label window is complete (the last event's day minus
 * the horizon) every {@code everyDays}, while at least {@code minHistoryDays} of events lie before
 * them, up to {@code maxCutoffs}. The rows also carry what the BG/NBD baseline needs, in days: the
 * repeat purchase days x ({@code frequency}), t_x and T from the first purchase ({@code bgnbd_tx},
 * {@code bgnbd_t}; null for a user who has not bought).
 *
 * <p>Building it replaces the table {@code features} by the one at the latest cutoff.
 */
public final class LabelledData {

    public static final String TABLE = "labelled_rows";
    /** The rows {@link #scoring} builds: features at the scoring day, no label. */
    public static final String SCORING_TABLE = "scoring_rows";

    /** The numeric features models read; attributes enter as indicator columns (see {@link #read}). */
    public static final List<String> NUMERIC = List.of("tenure_days", "recency_days", "days_since_last_visit",
            "purchases", "frequency", "monetary_total", "aov", "purchases_per_30d", "sessions", "sessions_per_30d",
            "browse_minutes_total", "browse_minutes_per_session", "views", "browse_to_buy", "category_breadth",
            "events_30d", "events_prev_90d", "activity_trend", "bgnbd_tx", "bgnbd_t");

    /** User attributes, each value of which becomes a 0/1 column named {@code attribute=value}. */
    static final List<String> ATTRIBUTES = List.of("age_band", "gender", "region", "channel");

    private LabelledData() {
    }

    /**
     * @param everyDays days between cutoffs
     * @param minHistoryDays days of events a cutoff needs before it
     * @param maxCutoffs at most this many cutoffs, the latest ones
     */
    public record Options(int horizonDays, ActivityLabel label, int everyDays, int minHistoryDays, int maxCutoffs) {

        public Options {
            if (horizonDays < 1 || everyDays < 1 || minHistoryDays < 0 || maxCutoffs < 2) {
                throw new PulseInputException("labelled data", "need horizon >= 1, every >= 1 day, history >= 0 and at"
                        + " least 2 cutoffs; got horizon " + horizonDays + ", every " + everyDays + ", history "
                        + minHistoryDays + ", cutoffs " + maxCutoffs);
            }
        }

        public static Options defaults() {
            return new Options(30, ActivityLabel.ANY_EVENT, 14, 60, 26);
        }
    }

    /**
     * What was built.
     *
     * @param cutoffs ascending
     * @param rowsPerCutoff rows at each cutoff
     * @param positivesPerCutoff active rows at each cutoff
     */
    public record Summary(Options options, List<LocalDate> cutoffs, long[] rowsPerCutoff, long[] positivesPerCutoff) {

        public long rows() {
            return Arrays.stream(rowsPerCutoff).sum();
        }
    }

    /** The cutoffs the options give on this store, ascending. */
    public static List<LocalDate> cutoffs(PulseStore store, Options o) {
        LocalDate first = FeatureTable.firstEventDay(store);
        LocalDate last = FeatureTable.lastEventDay(store);
        if (first == null) {
            throw new PulseInputException(store.path().toString(), "the store has no events: run 'pulse ingest FILE' first");
        }
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate c = last.minusDays(o.horizonDays()); !c.isBefore(first.plusDays(o.minHistoryDays()))
                && out.size() < o.maxCutoffs(); c = c.minusDays(o.everyDays())) {
            out.add(0, c);
        }
        if (out.size() < 2) {
            throw new PulseInputException(store.path().toString(), "events from " + first + " to " + last
                    + " leave " + out.size() + " cutoff(s) with " + o.minHistoryDays() + " days of history before and "
                    + o.horizonDays() + " days of labels after; need at least 2 (shorten the horizon or the history)");
        }
        return out;
    }

    /** Builds (replacing) {@code labelled_rows} at every cutoff. */
    public static Summary build(PulseStore store, Options o, Progress progress) {
        List<LocalDate> cutoffs = cutoffs(store, o);
        long[] rows = new long[cutoffs.size()];
        long[] positives = new long[cutoffs.size()];
        progress.start("labelled rows at " + cutoffs.size() + " cutoffs", cutoffs.size());
        execute(store, "DROP TABLE IF EXISTS " + TABLE);
        for (int i = 0; i < cutoffs.size(); i++) {
            LocalDate c = cutoffs.get(i);
            FeatureTable.build(store, c);
            execute(store, (i == 0 ? "CREATE TABLE " + TABLE + " AS " : "INSERT INTO " + TABLE + " ") + rowsSql(c, o, true));
            rows[i] = store.scalarLong("SELECT count(*) FROM " + TABLE + " WHERE cutoff = DATE '" + c + "'");
            positives[i] = store.scalarLong("SELECT count(*) FROM " + TABLE + " WHERE cutoff = DATE '" + c
                    + "' AND active");
            progress.advance(1);
        }
        progress.done();
        return new Summary(o, List.copyOf(cutoffs), rows, positives);
    }

    /** The rows at one cutoff: the feature table, first-purchase timing, and the label (false when not labelled). */
    static String rowsSql(LocalDate cutoff, Options o, boolean labelled) {
        String c = "DATE '" + cutoff + "'";
        String end = "(" + c + " + INTERVAL 1 DAY)";
        return """
                WITH first_purchase AS (
                    SELECT user_id, min(CAST(ts AS DATE)) AS day
                    FROM events WHERE type = 'purchase' AND ts < %2$s
                    GROUP BY user_id
                ), active AS (
                    SELECT DISTINCT user_id FROM events
                    WHERE %3$s AND ts >= %2$s AND ts < %2$s + INTERVAL %4$d DAY
                )
                SELECT f.*,
                    CAST(%1$s - p.day AS INTEGER) - f.recency_days AS bgnbd_tx,
                    CAST(%1$s - p.day AS INTEGER) AS bgnbd_t,
                    %5$s AS active
                FROM features f
                LEFT JOIN first_purchase p USING (user_id)
                LEFT JOIN active a USING (user_id)
                ORDER BY f.user_id
                """.formatted(c, end, o.label().condition(), o.horizonDays(), labelled ? "a.user_id IS NOT NULL" : "FALSE");
    }

    /**
     * The rows of {@code labelled_rows} as a matrix: the {@link #NUMERIC} features (NaN where null) and
     * one 0/1 column per attribute value seen (e.g. {@code region=east}), in a stable order. Attribute
     * values are matched in Java, so values from a user's file never become SQL text.
     *
     * @param cutoff only rows at this cutoff, or all rows when null
     */
    public static Rows read(PulseStore store, LocalDate cutoff) {
        return read(store, TABLE, cutoff, null, false);
    }

    /**
     * Builds the rows to score at {@code day} (table {@code scoring_rows}: the feature table at that day
     * and the baseline's columns; the label is unknown, so false) and reads them with exactly the
     * columns of {@code names}, a model's features: an attribute value the model never saw has no column.
     */
    public static Rows scoring(PulseStore store, LocalDate day, List<String> names) {
        FeatureTable.build(store, day);
        execute(store, "CREATE OR REPLACE TABLE " + SCORING_TABLE + " AS "
                + rowsSql(day, Options.defaults(), false));
        return read(store, SCORING_TABLE, null, names, true);
    }

    private static Rows read(PulseStore store, String table, LocalDate cutoff, List<String> wanted, boolean withUsers) {
        List<String> indicators = new ArrayList<>();
        if (wanted != null) {
            indicators.addAll(wanted.subList(NUMERIC.size(), wanted.size()));
        } else {
            for (String attribute : ATTRIBUTES) {
                for (String v : strings(store, "SELECT DISTINCT " + attribute + " FROM " + table + " WHERE " + attribute
                        + " IS NOT NULL ORDER BY 1")) {
                    indicators.add(attribute + "=" + v);
                }
            }
        }
        List<String> names = new ArrayList<>(NUMERIC);
        names.addAll(indicators);
        if (wanted != null && !names.equals(wanted)) {
            throw new IllegalArgumentException("a model's features must start with " + NUMERIC + ", got " + wanted);
        }
        // Attribute values travel as positions in each attribute's sorted distinct values (fetched apart and
        // matched in Java): strings are what makes a JDBC fetch slow, and values never become SQL text.
        List<List<String>> distinct = new ArrayList<>();
        int[][] columnOf = new int[ATTRIBUTES.size()][];
        for (int a = 0; a < ATTRIBUTES.size(); a++) {
            List<String> values = strings(store, "SELECT DISTINCT " + ATTRIBUTES.get(a) + " FROM " + table
                    + " WHERE " + ATTRIBUTES.get(a) + " IS NOT NULL ORDER BY 1");
            distinct.add(values);
            columnOf[a] = new int[values.size()];
            for (int v = 0; v < values.size(); v++) {
                columnOf[a][v] = names.indexOf(ATTRIBUTES.get(a) + "=" + values.get(v));
            }
        }
        String where = cutoff == null ? "" : " WHERE cutoff = DATE '" + cutoff + "'";
        StringBuilder select = new StringBuilder("SELECT CAST(cutoff - DATE '1970-01-01' AS INTEGER), active");
        for (String n : NUMERIC) {
            select.append(", CAST(").append(n).append(" AS DOUBLE)");
        }
        for (String a : ATTRIBUTES) {
            select.append(", list_position((SELECT list(DISTINCT ").append(a).append(" ORDER BY ").append(a)
                    .append(") FROM ").append(table).append("), ").append(a).append(")");
        }
        select.append(" FROM ").append(table).append(where).append(" ORDER BY cutoff, user_id");
        int d = names.size();
        Ints days = new Ints();
        Doubles values = new Doubles();
        Booleans labels = new Booleans();
        double[] row = new double[d];
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
            while (rs.next()) {
                days.add(rs.getInt(1));
                labels.add(rs.getBoolean(2));
                Arrays.fill(row, 0);
                for (int j = 0; j < NUMERIC.size(); j++) {
                    double v = rs.getDouble(3 + j);
                    row[j] = rs.wasNull() ? Double.NaN : v;
                }
                for (int a = 0; a < ATTRIBUTES.size(); a++) {
                    int position = rs.getInt(3 + NUMERIC.size() + a);
                    if (!rs.wasNull() && position > 0 && columnOf[a][position - 1] >= 0) {
                        row[columnOf[a][position - 1]] = 1;
                    }
                }
                for (double v : row) {
                    values.add(v);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + table + ": " + e.getMessage(), e);
        }
        int[] epochDays = days.get();
        int[] sortedDays = Arrays.stream(epochDays).distinct().sorted().toArray();
        int[] cutoffIndex = new int[epochDays.length];
        for (int i = 0; i < cutoffIndex.length; i++) {
            cutoffIndex[i] = Arrays.binarySearch(sortedDays, epochDays[i]);
        }
        LocalDate[] cutoffs = Arrays.stream(sortedDays).mapToObj(LocalDate::ofEpochDay).toArray(LocalDate[]::new);
        String[] users = withUsers
                ? strings(store, "SELECT user_id FROM " + table + where + " ORDER BY cutoff, user_id").toArray(String[]::new)
                : null;
        return new Rows(users, cutoffIndex, cutoffs, new FeatureMatrix(names.toArray(String[]::new), epochDays.length,
                values.get()), labels.get());
    }

    /**
     * Labelled rows in memory, ordered by cutoff then user.
     *
     * @param userIds each row's user; null when not read (training needs no ids, and strings are slow to fetch)
     * @param cutoffIndex index into {@code cutoffs} of each row's cutoff
     */
    public record Rows(String[] userIds, int[] cutoffIndex, LocalDate[] cutoffs, FeatureMatrix features,
            boolean[] active) {

        public int size() {
            return active.length;
        }
    }

    private static List<String> strings(PulseStore store, String sql) {
        List<String> out = new ArrayList<>();
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static void execute(PulseStore store, String sql) {
        try (Statement s = store.connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("cannot build " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** A growing primitive array of doubles. */
    private static final class Doubles {
        private double[] data = new double[1 << 16];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        double[] get() {
            return Arrays.copyOf(data, size);
        }
    }

    /** A growing primitive array of ints. */
    private static final class Ints {
        private int[] data = new int[1 << 12];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] get() {
            return Arrays.copyOf(data, size);
        }
    }

    /** A growing primitive array of booleans. */
    private static final class Booleans {
        private boolean[] data = new boolean[1 << 12];
        private int size;

        void add(boolean v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        boolean[] get() {
            return Arrays.copyOf(data, size);
        }
    }
}
