package io.pulse.store.actions;

import io.pulse.core.PulseInputException;
import io.pulse.core.actions.Trigger;
import io.pulse.core.actions.UserFacts;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-user facts rules run on, from the store at the cutoff of the latest {@code pulse thresholds}:
 * <ul>
 *   <li>dormancy: {@code thresholds.beyond_threshold};</li>
 *   <li>low engagement: {@code thresholds.probability < thresholds.engagement_threshold} (false without predictions);</li>
 *   <li>browse surge: sessions in the last 7 days at least 3× their weekly average over the 8 weeks before,
 *       and at least {@link #MIN_SURGE_SESSIONS}, with no purchase in the last 7 days;</li>
 *   <li>cart abandonment: a cart event in the last 3 days with no purchase at or after the latest one.</li>
 * </ul>
 * Days end at the end of the cutoff day (UTC, as the store keeps time).
 */
public final class UserFactsReader {

    /**
     * Fewest sessions in a week to count as a surge: without it, one session after eight silent weeks
     * would be "infinitely" above the average, and every returning user would qualify.
     */
    static final int MIN_SURGE_SESSIONS = 3;

    private static final String FACTS = """
            WITH t AS (SELECT * FROM thresholds),
            e AS (
                SELECT user_id,
                       count(*) FILTER (WHERE type = 'session' AND ts >= ?::TIMESTAMP - INTERVAL 7 DAY) AS s7,
                       count(*) FILTER (WHERE type = 'session' AND ts < ?::TIMESTAMP - INTERVAL 7 DAY
                                        AND ts >= ?::TIMESTAMP - INTERVAL 63 DAY) AS s56,
                       count(*) FILTER (WHERE type = 'purchase' AND ts >= ?::TIMESTAMP - INTERVAL 7 DAY) AS p7,
                       max(ts) FILTER (WHERE type = 'cart' AND ts >= ?::TIMESTAMP - INTERVAL 3 DAY) AS last_cart,
                       max(ts) FILTER (WHERE type = 'purchase') AS last_purchase
                FROM events WHERE ts < ?::TIMESTAMP GROUP BY user_id
            )
            SELECT t.user_id,
                   coalesce(t.beyond_threshold, false),
                   coalesce(t.probability < t.engagement_threshold, false),
                   coalesce(e.s7 >= %d AND e.s7 >= 3 * e.s56 / 8.0 AND e.p7 = 0, false),
                   coalesce(e.last_cart IS NOT NULL AND (e.last_purchase IS NULL OR e.last_purchase < e.last_cart), false),
                   %s,
                   %s
            FROM t LEFT JOIN e USING (user_id) %s %s
            ORDER BY t.user_id""";

    private UserFactsReader() {
    }

    /** The facts, and the cutoff they were read at. */
    public record Facts(LocalDate cutoff, UserFacts users) {
    }

    public static Facts read(PulseStore store, Instant now) {
        Connection c = store.connection();
        LocalDate cutoff = cutoff(store);
        boolean segments = tableExists(c, "segment_members");
        boolean outbox = tableExists(c, "outbox");
        String sql = String.format(FACTS, MIN_SURGE_SESSIONS,
                segments ? "[m.cluster, m.value_group, 'rfm_' || m.rfm_cell]" : "[]::VARCHAR[]",
                outbox ? "o.last_action" : "NULL::TIMESTAMP",
                segments ? "LEFT JOIN segment_members m USING (user_id)" : "",
                outbox ? "LEFT JOIN (SELECT user_id, max(created_at) AS last_action FROM outbox GROUP BY user_id) o"
                        + " USING (user_id)" : "");
        Timestamp end = Timestamp.valueOf(cutoff.plusDays(1).atStartOfDay());
        List<String> ids = new ArrayList<>();
        List<boolean[]> triggers = new ArrayList<>();
        List<String[]> segmentIds = new ArrayList<>();
        List<Integer> since = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 1; i <= 6; i++) {
                p.setTimestamp(i, end);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    triggers.add(new boolean[]{rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)});
                    segmentIds.add(segmentsOf((Object[]) rs.getArray(6).getArray()));
                    LocalDateTime last = rs.getObject(7, LocalDateTime.class);
                    since.add(last == null ? UserFacts.NEVER
                            : (int) Math.max(0, Duration.between(last.toInstant(ZoneOffset.UTC), now).toDays()));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the facts for rules: " + e.getMessage(), e);
        }
        int n = ids.size();
        boolean[][] triggered = new boolean[Trigger.values().length][n];
        int[] days = new int[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < triggered.length; t++) {
                triggered[t][i] = triggers.get(i)[t];
            }
            days[i] = since.get(i);
        }
        return new Facts(cutoff, new UserFacts(ids.toArray(String[]::new), triggered,
                segmentIds.toArray(String[][]::new), days));
    }

    private static String[] segmentsOf(Object[] values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v != null) {
                out.add(v.toString());
            }
        }
        return out.toArray(String[]::new);
    }

    private static LocalDate cutoff(PulseStore store) {
        if (!tableExists(store.connection(), "thresholds")) {
            throw new PulseInputException(store.path().toString(), "the store has no thresholds: run 'pulse thresholds' first");
        }
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT max(cutoff) FROM thresholds")) {
            rs.next();
            LocalDate d = rs.getObject(1, LocalDate.class);
            if (d == null) {
                throw new PulseInputException(store.path().toString(), "the table thresholds is empty: run 'pulse thresholds'");
            }
            return d;
        } catch (SQLException e) {
            throw new StoreException("cannot read the thresholds' cutoff: " + e.getMessage(), e);
        }
    }

    /** Whether the store has the table {@code table} (in schema main). */
    public static boolean tableExists(Connection c, String table) {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list tables: " + e.getMessage(), e);
        }
    }
}
