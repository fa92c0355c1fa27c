package io.pulse.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a piece of work spends its time, read from DuckDB's own query log rather than from hooks
 * in the code under test. DuckDB stamps each statement when it starts; a statement's span runs
 * until the next one starts (or the work ends), so it includes the Java work done between the two,
 * such as fetching and using its rows. Logging query text costs nothing measurable.
 */
final class QueryLog {

    private final Connection connection;

    private QueryLog(Connection connection) {
        this.connection = connection;
    }

    /** Starts a fresh log on the database behind {@code c} (the log is per database, not per connection). */
    static QueryLog start(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CALL enable_logging('QueryLog')");
            s.execute("CALL truncate_duckdb_logs()");
        }
        return new QueryLog(c);
    }

    /**
     * Seconds per stage between {@code begin} and {@code end}: the time before the first logged
     * statement goes to {@code beforeFirst}, each statement's span to {@code stageOf(sql)}. The
     * stages come out in the order first seen and add up to {@code end - begin}. Read this
     * after {@code end}; the reading itself is not counted.
     */
    Map<String, Double> stages(Instant begin, Instant end, String beforeFirst, Function<String, String> stageOf)
            throws SQLException {
        List<Instant> starts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT epoch_us(timestamp), message FROM duckdb_logs "
                     + "WHERE type = 'QueryLog' ORDER BY timestamp")) {
            while (rs.next()) {
                Instant at = Instant.EPOCH.plus(rs.getLong(1), ChronoUnit.MICROS);
                if (!at.isBefore(end)) {
                    break;
                }
                starts.add(at);
                texts.add(rs.getString(2));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(beforeFirst, seconds(begin, starts.isEmpty() ? end : starts.get(0)));
        for (int i = 0; i < starts.size(); i++) {
            Instant to = i + 1 < starts.size() ? starts.get(i + 1) : end;
            out.merge(stageOf.apply(texts.get(i).strip()), seconds(starts.get(i), to), Double::sum);
        }
        return out;
    }

    static double seconds(Instant from, Instant to) {
        return Math.max(0, from.until(to, ChronoUnit.MICROS)) / 1e6;
    }
}
