package io.pulse.store.thresholds;

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
     * One row per active day of each user up to the end of {@code cutoff}, in user and day order, with
     * the gap from the previous active day (null on the first) by {@code lag}.
     *
     * @param bySegment false to put everyone in {@link #ALL} even when the store has segments
     */
    static UserGaps read(PulseStore store, LocalDate cutoff, PredictionSource prediction, boolean bySegment) {
        boolean segmented = bySegment && tableExists(store, "segment_members");
        String sql = """
                WITH days AS (
                    SELECT DISTINCT user_id, CAST(ts AS DATE) AS day FROM events
                    WHERE ts < DATE '%1$s' + INTERVAL 1 DAY
                ), gaps AS (
                    SELECT user_id, day, day - lag(day) OVER (PARTITION BY user_id ORDER BY day) AS gap FROM days
                )
                SELECT g.user_id, CAST(DATE '%1$s' - g.day AS INTEGER) AS silent, CAST(g.gap AS INTEGER) AS gap,
                    %2$s AS segment, %3$s AS probability
                FROM gaps g %4$s %5$s
                ORDER BY g.user_id, g.day
                """.formatted(cutoff,
                segmented ? "coalesce(m.cluster, '" + UNSEGMENTED + "')" : "'" + ALL + "'",
                prediction == null ? "CAST(NULL AS DOUBLE)" : "p.probability",
                segmented ? "LEFT JOIN segment_members m USING (user_id)" : "",
                prediction == null ? "" : "LEFT JOIN (SELECT user_id, probability FROM predictions"
                        + " WHERE model = ? AND scored_at = ?) p USING (user_id)");
        List<String> users = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        List<int[]> gaps = new ArrayList<>();
        List<Integer> silent = new ArrayList<>();
        List<Double> probability = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement(sql)) {
            if (prediction != null) {
                p.setString(1, prediction.model());
                p.setObject(2, prediction.scoredAt());
            }
            try (ResultSet rs = p.executeQuery()) {
                String current = null;
                int[] userGaps = new int[8];
                int n = 0;
                while (rs.next()) {
                    String user = rs.getString(1);
                    if (!user.equals(current)) {
                        if (current != null) {
                            gaps.add(Arrays.copyOf(userGaps, n));
                        }
                        current = user;
                        n = 0;
                        users.add(user);
                        segments.add(rs.getString(4));
                        double prob = rs.getDouble(5);
                        probability.add(rs.wasNull() ? Double.NaN : prob);
                        silent.add(0);
                    }
                    silent.set(silent.size() - 1, rs.getInt(2));
                    int gap = rs.getInt(3);
                    if (!rs.wasNull()) {
                        if (n == userGaps.length) {
                            userGaps = Arrays.copyOf(userGaps, 2 * n);
                        }
                        userGaps[n++] = gap;
                    }
                }
                if (current != null) {
                    gaps.add(Arrays.copyOf(userGaps, n));
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
                gaps.toArray(int[][]::new), silent.stream().mapToInt(Integer::intValue).toArray(),
                probability.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static boolean tableExists(PulseStore store, String table) {
        return store.scalarLong("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'") > 0;
    }
}
