package io.pulse.store.views;

import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Read-only queries over a store from many threads at once: {@link PulseStore} holds one connection and is not
 * thread-safe, so each reading thread gets its own connection duplicated from the store's database (DuckDB runs
 * readers of one database in parallel). Parameters are bound, never spliced into the SQL text; rows come back as
 * column name → plain value (dates and timestamps as ISO-8601 text, UTC; decimals as doubles).
 */
public final class StoreReader implements AutoCloseable {

    private final PulseStore store;
    private final ThreadLocal<Connection> local;
    private final ConcurrentLinkedQueue<Connection> opened = new ConcurrentLinkedQueue<>();

    public StoreReader(PulseStore store) {
        this.store = store;
        this.local = ThreadLocal.withInitial(this::duplicate);
    }

    public PulseStore store() {
        return store;
    }

    private Connection duplicate() {
        try {
            Connection c = ((DuckDBConnection) store.connection()).duplicate();
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            opened.add(c);
            return c;
        } catch (SQLException e) {
            throw new StoreException("cannot open a reading connection: " + e.getMessage(), e);
        }
    }

    /** Whether the table exists (an analysis that has not run has no table). */
    public boolean exists(String table) {
        return !rows("SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'",
                table).isEmpty();
    }

    /** The rows of {@code sql} with {@code params} bound in order. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (PreparedStatement ps = local.get().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.put(md.getColumnLabel(c), plain(rs.getObject(c)));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, or null. */
    public Object scalar(String sql, Object... params) {
        List<Map<String, Object>> r = rows(sql, params);
        return r.isEmpty() ? null : r.get(0).values().iterator().next();
    }

    static Object plain(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
        } else if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toString();
        } else if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        } else if (v instanceof java.time.LocalDate d) {
            return d.toString();
        } else if (v instanceof BigDecimal d) {
            return d.doubleValue();
        } else if (v instanceof BigInteger i) {
            return i.longValue();
        } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        return v;
    }

    /** Closes the reading connections (the store itself stays open). */
    @Override
    public void close() {
        for (Connection c; (c = opened.poll()) != null; ) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing a reader that failed: nothing left to release
            }
        }
    }
}
