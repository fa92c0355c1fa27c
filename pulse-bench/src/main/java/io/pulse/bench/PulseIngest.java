package io.pulse.bench;

import io.pulse.store.PulseStore;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.IngestSummary;
import io.pulse.store.ingest.Ingestor;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulse's side of the ingest race: open a fresh store, {@link Ingestor#ingestEvents}, close it
 * (closing checkpoints the file, which the peer pays too).
 *
 * <p>Where the time goes is read from DuckDB's own query log ({@code CALL enable_logging('QueryLog')}),
 * which stamps each statement when it starts, so a statement lasts until the next one starts. That
 * costs nothing measurable and needs no hook in the store; the few microseconds of reading the
 * log back are left out of the total.
 */
final class PulseIngest {

    static final String OPEN = "open store";
    static final String PREPARE = "describe file + sample ts";
    static final String CHECK = "check pass (parse + validate + count)";
    static final String LOAD = "load (parse + validate + dedup + insert)";
    static final String COMMIT = "commit";
    static final String OTHER = "other statements";
    static final String CLOSE = "close (checkpoint)";
    /** The stages in the order they run. */
    static final List<String> STAGES = List.of(OPEN, PREPARE, CHECK, LOAD, COMMIT, OTHER, CLOSE);

    private PulseIngest() {
    }

    /** {@code stages} maps each of {@link #STAGES} to its seconds; they add up to {@code seconds}. */
    record Run(IngestSummary summary, double seconds, Map<String, Double> stages) {
    }

    private record Logged(Instant start, String sql) {
    }

    static Run run(Path db, Path events) throws SQLException {
        Instant start = Instant.now();
        PulseStore store = PulseStore.open(db);
        IngestSummary summary;
        Instant ingested;
        List<Logged> log = new ArrayList<>();
        try (Statement s = store.connection().createStatement()) {
            s.execute("CALL enable_logging('QueryLog')");
            summary = Ingestor.ingestEvents(store, IngestRequest.of(events, Ingestor.eventMapping("canonical")));
            ingested = Instant.now();
            try (ResultSet rs = s.executeQuery("SELECT epoch_us(timestamp), message FROM duckdb_logs "
                    + "WHERE type = 'QueryLog' ORDER BY timestamp")) {
                while (rs.next()) {
                    log.add(new Logged(Instant.EPOCH.plus(rs.getLong(1), ChronoUnit.MICROS), rs.getString(2)));
                }
            }
        }
        Instant closing = Instant.now();
        store.close();
        Instant closed = Instant.now();

        Map<String, Double> stages = new LinkedHashMap<>();
        STAGES.forEach(n -> stages.put(n, 0.0));
        stages.put(OPEN, seconds(start, log.isEmpty() ? ingested : log.get(0).start()));
        for (int i = 0; i < log.size() && log.get(i).start().isBefore(ingested); i++) {
            Instant to = i + 1 < log.size() ? log.get(i + 1).start() : ingested;
            stages.merge(stageOf(log.get(i).sql()), seconds(log.get(i).start(), to), Double::sum);
        }
        stages.put(CLOSE, seconds(closing, closed));
        return new Run(summary, seconds(start, ingested) + seconds(closing, closed), stages);
    }

    /** Recognises the ingest's statements by how they begin; see {@code Ingestor} and {@code SourceScan}. */
    private static String stageOf(String sql) {
        String s = sql.strip();
        if (s.startsWith("DESCRIBE") || s.endsWith("LIMIT 200")) {
            return PREPARE;
        }
        if (s.startsWith("SELECT count(*), count(__reason)")) {
            return CHECK;
        }
        if (s.startsWith("INSERT INTO events")) {
            return LOAD;
        }
        if (s.equals("COMMIT")) {
            return COMMIT;
        }
        return OTHER;
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, from.until(to, ChronoUnit.MICROS)) / 1e6;
    }
}
