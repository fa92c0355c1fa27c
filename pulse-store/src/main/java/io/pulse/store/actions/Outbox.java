package io.pulse.store.actions;

import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
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
    public static int append(PulseStore store, List<Row> rows) {
        return (int) insert(store, rows, false);
    }

    /**
     * Inserts rows in one transaction, keeping any action id already present (and the first of a
     * repeated one). The rows go through DuckDB's appender into a staging table and then into the
     * outbox in one statement: a JDBC batch of {@code INSERT OR IGNORE} runs row by row, which took
     * half a minute for 5,000 rows on a large store.
     *
     * @param delivered true for a log of past operations: treated rows are {@link #SENT} at their
     *     time, control rows {@link #CONTROL}; false for new decisions ({@link Row#status()})
     * @return rows actually added
     */
    static long insert(PulseStore store, List<Row> rows, boolean delivered) {
        create(store);
        Connection c = store.connection();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                long before = count(c);
                s.execute("""
                        CREATE OR REPLACE TABLE outbox_incoming (
                            action_id VARCHAR, rule_id VARCHAR, user_id VARCHAR, action VARCHAR, payload VARCHAR,
                            control BOOLEAN, created_at VARCHAR, status VARCHAR, sent_at VARCHAR, seq BIGINT)""");
                try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "outbox_incoming")) {
                    long seq = 0;
                    for (Row r : rows) {
                        String at = utc(r.createdAt()).toString();
                        String status = delivered ? (r.control() ? CONTROL : SENT) : r.status();
                        a.beginRow().append(r.actionId()).append(r.ruleId()).append(r.userId()).append(r.action())
                                .append(r.payload()).append(r.control()).append(at).append(status)
                                .append(delivered && !r.control() ? at : null).append(seq++).endRow();
                    }
                }
                s.execute("""
                        INSERT OR IGNORE INTO outbox
                        SELECT action_id, rule_id, user_id, action, payload, control, CAST(created_at AS TIMESTAMP),
                            status, 0, CAST(sent_at AS TIMESTAMP)
                        FROM outbox_incoming
                        QUALIFY row_number() OVER (PARTITION BY action_id ORDER BY seq) = 1""");
                s.execute("DROP TABLE outbox_incoming");
                long added = count(c) - before;
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
