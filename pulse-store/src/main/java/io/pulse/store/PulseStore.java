package io.pulse.store;

import io.pulse.core.PulseInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The embedded DuckDB file that holds a Pulse store: events, users and the record of every ingest.
 * One instance owns one JDBC connection; it is not thread-safe (open one per thread, DuckDB allows
 * several connections to the same file within one process only through the same database object,
 * so Pulse keeps to one writer at a time).
 */
public final class PulseStore implements AutoCloseable {

    /** The events table: the canonical schema plus the batch that loaded each row. */
    public static final String EVENTS_DDL = """
            CREATE TABLE IF NOT EXISTS events (
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

    private static final String SCHEMA = EVENTS_DDL + """
            ;
            CREATE TABLE IF NOT EXISTS users (
                user_id     VARCHAR PRIMARY KEY,
                signup_date DATE,
                age_band    VARCHAR,
                gender      VARCHAR,
                region      VARCHAR,
                channel     VARCHAR,
                batch_id    BIGINT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS ingest_batches (
                batch_id    BIGINT PRIMARY KEY,
                target      VARCHAR NOT NULL,
                source      VARCHAR NOT NULL,
                mapping     VARCHAR NOT NULL,
                rows_read   BIGINT NOT NULL,
                loaded      BIGINT NOT NULL,
                duplicates  BIGINT NOT NULL,
                rejected    BIGINT NOT NULL,
                started_at  TIMESTAMP NOT NULL,
                finished_at TIMESTAMP NOT NULL
            );
            """;

    private final Path path;
    private final Connection connection;

    private PulseStore(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    /** Opens (creating when missing) the store at {@code path}. */
    public static PulseStore open(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new PulseInputException(path.toString(), "the folder of the database does not exist");
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), new Properties());
            try (Statement s = c.createStatement()) {
                // Every timestamp is stored as UTC; naive input is read as UTC unless a mapping says otherwise.
                s.execute("SET TimeZone = 'UTC'");
                // DuckDB never prints its own bar; an ingest turns progress tracking on when it draws one.
                s.execute("SET enable_progress_bar_print = false");
                s.execute(SCHEMA);
            }
            return new PulseStore(path, c);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store at " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The live connection, for the store's own packages and for benchmarks. */
    public Connection connection() {
        return connection;
    }

    public long eventCount() {
        return scalarLong("SELECT count(*) FROM events");
    }

    public long userCount() {
        return scalarLong("SELECT count(*) FROM (SELECT user_id FROM events UNION SELECT user_id FROM users)");
    }

    /** Runs a query that returns one number; for counts and simple checks. */
    public long scalarLong(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /** Work on the store's connection; SQL errors end it. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: all of it is committed or, on any failure, none of it, so a crash
     * never leaves half a run behind.
     *
     * @param what what is being written, for the error message
     */
    public <T> T inTransaction(String what, Work<T> work) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store: " + e.getMessage(), e);
        }
    }
}
