package io.pulse.bench;

import io.pulse.store.PulseStore;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.IngestSummary;
import io.pulse.store.ingest.Ingestor;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Pulse's side of the ingest race: open a fresh store, {@link Ingestor#ingestEvents}, close it
 * (closing checkpoints the file, which the peer pays too). The stages come from {@link QueryLog}.
 */
final class PulseIngest {

    static final String CLOSE = "close (checkpoint)";

    private PulseIngest() {
    }

    /** {@code stages} are seconds by what the statements do; they add up to {@code seconds}. */
    record Run(IngestSummary summary, double seconds, Map<String, Double> stages) {
    }

    static Run run(Path db, Path events) throws SQLException {
        Instant begin = Instant.now();
        IngestSummary summary;
        Map<String, Double> stages;
        double readingLog;
        Instant closing;
        try (PulseStore store = PulseStore.open(db)) {
            QueryLog log = QueryLog.start(store.connection());
            summary = Ingestor.ingestEvents(store, IngestRequest.of(events, Ingestor.eventMapping("canonical")));
            Instant ingested = Instant.now();
            stages = log.stages(begin, ingested, "open store", PulseIngest::stageOf);
            closing = Instant.now();
            readingLog = QueryLog.seconds(ingested, closing);
        }
        Instant closed = Instant.now();
        stages.put(CLOSE, QueryLog.seconds(closing, closed));
        return new Run(summary, QueryLog.seconds(begin, closed) - readingLog, stages);
    }

    /** Names the ingest's statements (see {@code Ingestor}, {@code SourceScan}) by what they do to the file. */
    static String stageOf(String sql) {
        if (sql.startsWith("DESCRIBE") || sql.endsWith("LIMIT 200")) {
            return "describe file + sample ts";
        }
        if (sql.startsWith("SELECT count(*), count(__reason)")) {
            return "check pass: parse + validate + count";
        }
        if (sql.startsWith("INSERT INTO events")) {
            return "load: parse + validate + dedup + insert";
        }
        if (sql.equals("COMMIT")) {
            return "commit";
        }
        return "other statements";
    }
}
