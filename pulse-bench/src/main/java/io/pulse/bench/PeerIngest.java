package io.pulse.bench;

import io.pulse.store.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The peer of Pulse's ingest: what someone who trusts the file would write by hand, DuckDB's own
 * typed {@code read_csv} straight into a table of the same schema as Pulse's {@code events}, in
 * a fresh file, closed (checkpointed) at the end. No validation, no deduplication, no rejects.
 */
final class PeerIngest {

    static final String CREATE = """
            CREATE TABLE events (
                event_id   VARCHAR NOT NULL,
                user_id    VARCHAR NOT NULL,
                ts         TIMESTAMP NOT NULL,
                type       VARCHAR NOT NULL,
                amount     DECIMAL(18,4),
                duration_s DOUBLE,
                item_id    VARCHAR,
                category   VARCHAR,
                channel    VARCHAR,
                source     VARCHAR,
                quantity   INTEGER,
                batch_id   BIGINT NOT NULL
            )""";

    private static final String COLUMNS = "{'event_id': 'VARCHAR', 'user_id': 'VARCHAR', 'ts': 'TIMESTAMP', "
            + "'type': 'VARCHAR', 'amount': 'DECIMAL(18,4)', 'duration_s': 'DOUBLE', 'item_id': 'VARCHAR', "
            + "'category': 'VARCHAR', 'channel': 'VARCHAR', 'source': 'VARCHAR', 'quantity': 'INTEGER'}";

    private PeerIngest() {
    }

    record Run(long rows, double seconds) {
    }

    static Run run(Path db, Path events) throws SQLException {
        long start = System.nanoTime();
        long rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute(CREATE);
            rows = s.executeLargeUpdate("INSERT INTO events SELECT event_id, user_id, ts, type, amount, duration_s, "
                    + "item_id, category, channel, source, quantity, 1 FROM read_csv("
                    + Sql.literal(events.toAbsolutePath().toString()) + ", header = true, columns = " + COLUMNS + ")");
        }
        return new Run(rows, (System.nanoTime() - start) / 1e9);
    }
}
