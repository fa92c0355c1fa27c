package io.pulse.store.actions;

import io.pulse.store.PulseStore;
import io.pulse.store.thresholds.ThresholdTable;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * A store written by hand at cutoff 2024-03-31 (days end at 2024-04-01 00:00 UTC), one user per fact:
 * <ul>
 *   <li>u1 beyond their dormancy threshold;</li>
 *   <li>u2 with probability 0.1 under an engagement cut of 0.3;</li>
 *   <li>u3 with 8 sessions over the 8 weeks before the last 7 days (1 a week) and 3 in them: a surge;</li>
 *   <li>u4 like u3 but with a purchase in the last 7 days: no surge;</li>
 *   <li>u5 with a cart on 03-30 and no purchase after: abandoned;</li>
 *   <li>u6 with a cart on 03-30 and a purchase an hour later: not abandoned;</li>
 *   <li>u7 with a cart on 03-20 only: too old to count.</li>
 * </ul>
 */
final class HandStore {

    static final Instant NOW = Instant.parse("2024-04-01T09:00:00Z");

    private HandStore() {
    }

    static PulseStore create(Path file) throws SQLException {
        PulseStore store = PulseStore.open(file);
        try (Statement s = store.connection().createStatement()) {
            s.execute(ThresholdTable.DDL);
            StringBuilder t = new StringBuilder("INSERT INTO thresholds VALUES ");
            for (int u = 1; u <= 7; u++) {
                boolean beyond = u == 1;
                double probability = u == 2 ? 0.1 : 0.8;
                t.append(u > 1 ? ", " : "").append(String.format(java.util.Locale.ROOT,
                        "('u%d', 'all', 5, 7, 20, 3, %s, 0.3, %s, 'hand', DATE '2024-03-31')", u, beyond, probability));
            }
            s.execute(t.toString());
            StringBuilder e = new StringBuilder();
            for (int u = 3; u <= 4; u++) {
                for (int w = 0; w < 8; w++) {
                    event(e, "u" + u, "TIMESTAMP '2024-02-20 10:00' + INTERVAL " + (w * 7) + " DAY", "session");
                }
                for (int d = 0; d < 3; d++) {
                    event(e, "u" + u, "TIMESTAMP '2024-03-27 10:00' + INTERVAL " + d + " DAY", "session");
                }
            }
            event(e, "u4", "TIMESTAMP '2024-03-30 12:00'", "purchase");
            event(e, "u5", "TIMESTAMP '2024-03-30 12:00'", "cart");
            event(e, "u6", "TIMESTAMP '2024-03-30 12:00'", "cart");
            event(e, "u6", "TIMESTAMP '2024-03-30 13:00'", "purchase");
            event(e, "u7", "TIMESTAMP '2024-03-20 12:00'", "cart");
            event(e, "u5", "TIMESTAMP '2024-04-02 12:00'", "purchase");
            s.execute("INSERT INTO events (event_id, user_id, ts, type, batch_id) VALUES " + e);
        }
        return store;
    }

    private static void event(StringBuilder sql, String user, String ts, String type) {
        sql.append(sql.isEmpty() ? "" : ", ").append("('").append(user).append('-').append(sql.length())
                .append("', '").append(user).append("', ").append(ts).append(", '").append(type).append("', 1)");
    }
}
