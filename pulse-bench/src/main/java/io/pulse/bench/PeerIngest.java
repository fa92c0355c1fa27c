package io.pulse.bench;

import io.pulse.store.Sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer of Pulse's ingest: what someone who trusts the file would write by hand, DuckDB's own
 * typed {@code read_csv} straight into a table of the same schema as Pulse's {@code events}, in
 * a fresh file, closed (checkpointed) at the end. No validation, no deduplication, no rejects.
 */
final class PeerIngest {

    /** The same table as Pulse's, so both sides write the same columns. */
    static final String CREATE = io.pulse.store.PulseStore.EVENTS_DDL;

    private static final String COLUMNS = "{'event_id': 'VARCHAR', 'user_id': 'VARCHAR', 'ts': 'TIMESTAMP', "
            + "'type': 'VARCHAR', 'amount': 'DECIMAL(18,4)', 'duration_s': 'DOUBLE', 'item_id': 'VARCHAR', "
            + "'category': 'VARCHAR', 'channel': 'VARCHAR', 'source': 'VARCHAR', 'quantity': 'INTEGER'}";
    private static final String SELECT = "SELECT event_id, user_id, ts, type, amount, duration_s, item_id, category, "
            + "channel, source, quantity, 1";

    private PeerIngest() {
    }

    record Run(long rows, double seconds) {
    }

    static Run run(Path db, Path events) throws SQLException {
        return insert(db, SELECT + " FROM " + typed(events));
    }

    /** One piece of work timed once: wall and CPU seconds. */
    record Piece(String work, double seconds, double cpuSeconds) {
    }

    /**
     * Pieces of Pulse's ingest done by DuckDB alone, one after the other, to tell which part of
     * the work costs what: reading the file as text and as typed columns (counting only), the
     * peer's INSERT, and the same with Pulse's deduplication added ({@code DISTINCT ON (event_id)}).
     */
    static List<Piece> anatomy(Path db, Path events) throws SQLException, IOException {
        List<Piece> out = new ArrayList<>();
        out.add(piece("read_csv, every column as text, count(*) only", () -> count(
                "SELECT count(*) FROM read_csv(" + path(events) + ", header = true, all_varchar = true)")));
        out.add(piece("read_csv, typed columns, count(*) only", () -> count("SELECT count(*) FROM " + typed(events))));
        out.add(piece("typed INSERT into a fresh file (the peer)", () -> run(db, events)));
        Files.delete(db);
        out.add(piece("typed INSERT with DISTINCT ON (event_id), fresh file", () -> insert(db,
                "SELECT DISTINCT ON (event_id) * FROM (" + SELECT + " FROM " + typed(events) + ")")));
        Files.delete(db);
        return out;
    }

    private static Piece piece(String name, SqlWork<?> work) throws SQLException {
        double cpu = Machine.processCpuSeconds();
        long start = System.nanoTime();
        work.run();
        return new Piece(name, (System.nanoTime() - start) / 1e9, Machine.processCpuSeconds() - cpu);
    }

    private static Run insert(Path db, String select) throws SQLException {
        long start = System.nanoTime();
        long rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute(CREATE);
            rows = s.executeLargeUpdate("INSERT INTO events " + select);
        }
        return new Run(rows, (System.nanoTime() - start) / 1e9);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String typed(Path events) {
        return "read_csv(" + path(events) + ", header = true, columns = " + COLUMNS + ")";
    }

    private static String path(Path events) {
        return Sql.literal(events.toAbsolutePath().toString());
    }
}
