package io.pulse.store.actions;

import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The table {@code outbox}: every decided action, treated or control, kept across runs (unlike the
 * derived tables it is a record of what was done, so it is created once and only appended to). The
 * cooldown reads it, and {@link WebhookSender} delivers its pending rows.
 */
public final class Outbox {

    /** Waiting for delivery (only treated rows). */
    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    /** The receiver refused it for good (a 4xx other than 408/429); not retried. */
    public static final String FAILED = "failed";
    /** A held-out user: recorded so the control group can be measured, never sent. */
    public static final String CONTROL = "control";

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS outbox (
                action_id  VARCHAR PRIMARY KEY,
                rule_id    VARCHAR NOT NULL,
                user_id    VARCHAR NOT NULL,
                action     VARCHAR NOT NULL,
                payload    VARCHAR NOT NULL,
                control    BOOLEAN NOT NULL,
                created_at TIMESTAMP NOT NULL,
                status     VARCHAR NOT NULL,
                attempts   INTEGER NOT NULL,
                sent_at    TIMESTAMP
            )""";

    private Outbox() {
    }

    /** One row as written; {@code payload} is a JSON object. */
    public record Row(String actionId, String ruleId, String userId, String action, String payload, boolean control,
            Instant createdAt) {

        public String status() {
            return control ? CONTROL : PENDING;
        }
    }

    /**
     * Appends the rows in one transaction; an action id already present is kept as it is (ids are
     * derived from rule, user and cutoff, so re-running the same cutoff cannot queue a second copy).
     *
     * @return rows actually added
     */
    static int append(PulseStore store, List<Row> rows) {
        create(store);
        Connection c = store.connection();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL)")) {
                long before = count(c);
                for (Row r : rows) {
                    p.setString(1, r.actionId());
                    p.setString(2, r.ruleId());
                    p.setString(3, r.userId());
                    p.setString(4, r.action());
                    p.setString(5, r.payload());
                    p.setBoolean(6, r.control());
                    p.setObject(7, utc(r.createdAt()));
                    p.setString(8, r.status());
                    p.addBatch();
                }
                p.executeBatch();
                int added = (int) (count(c) - before);
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the outbox: " + e.getMessage(), e);
        }
    }

    static void create(PulseStore store) {
        try (Statement s = store.connection().createStatement()) {
            s.execute(DDL);
        } catch (SQLException e) {
            throw new StoreException("cannot create the outbox: " + e.getMessage(), e);
        }
    }

    static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
