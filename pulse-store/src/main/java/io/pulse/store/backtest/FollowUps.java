package io.pulse.store.backtest;

import io.pulse.core.backtest.Uplift;
import io.pulse.store.Growable;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.actions.Outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened after each followed-up action: whether the user was active in the window that starts
 * at the action's decision time, and their purchase revenue in it. Treated and control are timed the
 * same way (from the decision, not the delivery), so neither group gets a head start.
 */
final class FollowUps {

    private final Map<String, Group> byRule;
    private final long followedUp;
    private final long pending;

    private FollowUps(Map<String, Group> byRule, long followedUp, long pending) {
        this.byRule = byRule;
        this.followedUp = followedUp;
        this.pending = pending;
    }

    long followedUp() {
        return followedUp;
    }

    long pending() {
        return pending;
    }

    List<Uplift> estimate(long seed) {
        List<Uplift> out = new ArrayList<>();
        for (Map.Entry<String, Group> e : byRule.entrySet()) {
            Group g = e.getValue();
            out.add(Uplift.estimate(e.getKey(), g.action, g.treatedRetained.toArray(), g.treatedRevenue.toArray(),
                    g.controlRetained.toArray(), g.controlRevenue.toArray(), Uplift.DEFAULT_LEVEL,
                    seed + e.getKey().hashCode()));
        }
        return out;
    }

    /**
     * @param lastEventDay the last day with events: a window must end by the end of it
     */
    static FollowUps read(PulseStore store, int windowDays, LocalDate lastEventDay) {
        if (!tableExists(store)) {
            return new FollowUps(Map.of(), 0, 0);
        }
        String window = "to_days(CAST(? AS INTEGER))";
        String sql = """
                WITH a AS (
                    SELECT action_id, rule_id, action, user_id, control, created_at FROM outbox
                    WHERE status IN ('%s', '%s') AND created_at + %s <= CAST(? AS DATE) + INTERVAL 1 DAY
                )
                SELECT a.rule_id, any_value(a.action), a.control, count(e.user_id) > 0 AS retained,
                    coalesce(sum(CASE WHEN e.type = 'purchase' THEN e.amount END), 0) AS revenue
                FROM a LEFT JOIN events e ON e.user_id = a.user_id AND e.ts > a.created_at
                    AND e.ts <= a.created_at + %s
                GROUP BY a.action_id, a.rule_id, a.control
                ORDER BY a.rule_id, a.action_id
                """.formatted(Outbox.SENT, Outbox.CONTROL, window, window);
        Map<String, Group> byRule = new LinkedHashMap<>();
        long rows = 0;
        try (PreparedStatement p = store.connection().prepareStatement(sql)) {
            p.setInt(1, windowDays);
            p.setObject(2, lastEventDay);
            p.setInt(3, windowDays);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Group g = byRule.computeIfAbsent(rs.getString(1), r -> new Group());
                    g.action = rs.getString(2);
                    boolean retained = rs.getBoolean(4);
                    double revenue = rs.getDouble(5);
                    if (rs.getBoolean(3)) {
                        g.controlRetained.add(retained);
                        g.controlRevenue.add(revenue);
                    } else {
                        g.treatedRetained.add(retained);
                        g.treatedRevenue.add(revenue);
                    }
                    rows++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot follow up the outbox: " + e.getMessage(), e);
        }
        long total = store.scalarLong("SELECT count(*) FROM outbox");
        return new FollowUps(byRule, rows, total - rows);
    }

    private static boolean tableExists(PulseStore store) {
        return store.scalarLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'outbox'") > 0;
    }

    private static final class Group {
        String action;
        final Growable.Booleans treatedRetained = new Growable.Booleans();
        final Growable.Booleans controlRetained = new Growable.Booleans();
        final Growable.Doubles treatedRevenue = new Growable.Doubles();
        final Growable.Doubles controlRevenue = new Growable.Doubles();
    }
}
