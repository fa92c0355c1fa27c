package io.pulse.store.thresholds;

import io.pulse.store.Growable;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the thresholds need per user, read from the store at a cutoff: the gaps between their active
 * days (any event counts, so both visits and purchases), the days since their last one, their segment
 * and their predicted probability of activity.
 *
 * @param segment the cluster from {@code segment_members}, {@link #ALL} when there is no segmentation,
 *     {@link #UNSEGMENTED} for a user the segmentation did not see
 * @param probability NaN without a prediction
 */
record UserGaps(String[] userIds, String[] segment, int[] activeDays, int[][] gaps, int[] silentDays,
        double[] probability) {

    static final String ALL = "all";
    static final String UNSEGMENTED = "unsegmented";

    int size() {
        return userIds.length;
    }

    /** The scores of the latest {@code pulse predict} run, or null when there are none. */
    static PredictionSource latestPrediction(PulseStore store) {
        if (!tableExists(store, "predictions")) {
            return null;
        }
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(
                "SELECT model, scored_at FROM predictions ORDER BY scored_at DESC, model LIMIT 1")) {
            return rs.next() ? new PredictionSource(rs.getString(1), rs.getObject(2, LocalDate.class)) : null;
        } catch (SQLException e) {
            throw new StoreException("cannot read the predictions: " + e.getMessage(), e);
        }
    }

    /**
     * One row per user with an active day up to the end of {@code cutoff}, in user order: their
     * active days as days before the cutoff, in no order, as one comma-separated text; the gaps and
     * the days since the last one are taken from them here. DuckDB only reduces the events to distinct
     * (user, day) pairs and lists them per user, so JDBC hands over a row per user rather than one per
     * active day, and there is no window or ordered aggregate to sort for (both cost more than the rest
     * of the run together).
     *
     * @param bySegment false to put everyone in {@link #ALL} even when the store has segments
     */
    static UserGaps read(PulseStore store, LocalDate cutoff, PredictionSource prediction, boolean bySegment) {
        boolean segmented = bySegment && tableExists(store, "segment_members");
        String sql = """
                WITH days AS (
                    SELECT DISTINCT user_id, CAST(DATE '%1$s' - CAST(ts AS DATE) AS INTEGER) AS ago FROM events
                    WHERE ts < DATE '%1$s' + INTERVAL 1 DAY
                ), users AS (
                    SELECT user_id, string_agg(CAST(ago AS VARCHAR), ',') AS days FROM days GROUP BY user_id
                )
                SELECT g.user_id, g.days, %2$s AS segment, %3$s AS probability
                FROM users g %4$s %5$s
                ORDER BY g.user_id
                """.formatted(cutoff,
                segmented ? "coalesce(m.cluster, '" + UNSEGMENTED + "')" : "'" + ALL + "'",
                prediction == null ? "CAST(NULL AS DOUBLE)" : "p.probability",
                segmented ? "LEFT JOIN segment_members m USING (user_id)" : "",
                prediction == null ? "" : "LEFT JOIN (SELECT user_id, probability FROM predictions"
                        + " WHERE model = ? AND scored_at = ?) p USING (user_id)");
        List<String> users = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        List<int[]> gaps = new ArrayList<>();
        Growable.Ints silent = new Growable.Ints();
        Growable.Doubles probability = new Growable.Doubles();
        try (PreparedStatement p = store.connection().prepareStatement(sql)) {
            if (prediction != null) {
                p.setString(1, prediction.model());
                p.setObject(2, prediction.scoredAt());
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                    int[] ago = parse(rs.getString(2));
                    Arrays.sort(ago);
                    silent.add(ago[0]);
                    gaps.add(gapsOf(ago));
                    segments.add(rs.getString(3));
                    double prob = rs.getDouble(4);
                    probability.add(rs.wasNull() ? Double.NaN : prob);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the active days: " + e.getMessage(), e);
        }
        int size = users.size();
        int[] active = new int[size];
        for (int i = 0; i < size; i++) {
            active[i] = gaps.get(i).length + 1;
        }
        return new UserGaps(users.toArray(String[]::new), segments.toArray(String[]::new), active,
                gaps.toArray(int[][]::new), silent.toArray(), probability.toArray());
    }

    /** The gaps in day order from distinct days before the cutoff in ascending order (latest day first). */
    static int[] gapsOf(int[] ago) {
        int[] out = new int[ago.length - 1];
        for (int k = 0; k < out.length; k++) {
            out[k] = ago[ago.length - 1 - k] - ago[ago.length - 2 - k];
        }
        return out;
    }

    /** "3,1,12" → {3, 1, 12}. */
    static int[] parse(String text) {
        int n = 1;
        for (int k = 0; k < text.length(); k++) {
            n += text.charAt(k) == ',' ? 1 : 0;
        }
        int[] out = new int[n];
        int i = 0;
        int value = 0;
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (ch == ',') {
                out[i++] = value;
                value = 0;
            } else {
                value = 10 * value + (ch - '0');
            }
        }
        out[i] = value;
        return out;
    }

    static boolean tableExists(PulseStore store, String table) {
        return store.scalarLong("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'") > 0;
    }
}
