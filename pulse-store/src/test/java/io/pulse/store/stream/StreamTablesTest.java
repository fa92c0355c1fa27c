package io.pulse.store.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.store.PulseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTablesTest {

    @TempDir
    Path dir;

    @Test
    void profilesLoadFromJsonLinesWithTheirTypesAndReplaceTheTable() throws Exception {
        Path jsonl = dir.resolve("profiles.jsonl");
        Files.write(jsonl, List.of(
                "{\"id\":\"u1\",\"events\":12,\"sessions\":3,\"purchases\":2,\"carts\":1,\"revenue\":59.9,\"refunds\":0.0,"
                        + "\"active_days\":4,\"first_seen\":\"2025-01-01T10:00:00Z\",\"last_seen\":\"2025-02-01T08:30:00Z\","
                        + "\"activity_score\":1.75,\"threshold_days\":21.5,\"silent_days\":3}",
                "{\"id\":\"u'2\",\"events\":1,\"sessions\":0,\"purchases\":0,\"carts\":0,\"revenue\":0.0,\"refunds\":0.0,"
                        + "\"active_days\":1,\"first_seen\":\"2025-01-05T00:00:00Z\",\"last_seen\":\"2025-01-05T00:00:00Z\","
                        + "\"activity_score\":0.5,\"threshold_days\":null,\"silent_days\":27}"));
        try (PulseStore store = PulseStore.open(dir.resolve("s.duckdb"))) {
            assertThat(StreamTables.replaceProfiles(store, jsonl)).isEqualTo(2);
            assertThat(StreamTables.replaceProfiles(store, jsonl)).as("replaced, not appended").isEqualTo(2);
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT user_id, events, revenue, last_seen, threshold_days "
                         + "FROM stream_profiles ORDER BY user_id")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("u'2");
                assertThat(rs.getObject(5)).isNull();
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("u1");
                assertThat(rs.getInt(2)).isEqualTo(12);
                assertThat(rs.getDouble(3)).isEqualTo(59.9);
                assertThat(rs.getTimestamp(4).toLocalDateTime()).hasToString("2025-02-01T08:30");
            }
            assertThat(StreamTables.segments(store)).as("no segments yet").isEmpty();
        }
    }

    @Test
    void aRunAndItsAlertsReadBackAsWrittenAndTheNewestRunIsTheLatest() throws Exception {
        Map<String, Long> filtered = new LinkedHashMap<>();
        filtered.put("rate_limit", 3L);
        filtered.put("bot_like", 0L);
        StreamTables.StreamRun first = new StreamTables.StreamRun(Instant.parse("2026-01-02T03:04:05Z"), "a.csv",
                100, 2, 3, filtered, 92, 40, 2, Instant.parse("2025-03-01T00:00:00Z"));
        StreamTables.StoredAlert sustained = new StreamTables.StoredAlert("item/1h|sku-1|2025-02-01T10:00:00Z|SUSTAINED",
                "item/1h", "sku-1", Instant.parse("2025-02-01T10:00:00Z"), Instant.parse("2025-02-01T14:00:00Z"),
                "LEVEL_SHIFT", "SUSTAINED", 4, 120, 7.5, "(direct)", 0.25, 80, 0.5, "raise stock for item sku-1",
                "elevated for 4 windows from broad sources (top 25%, 80 users)");
        StreamTables.StoredAlert transientOne = new StreamTables.StoredAlert("channel/1h|it's|2025-02-02T01:00:00Z|TRANSIENT",
                "channel/1h", "it's", Instant.parse("2025-02-02T01:00:00Z"), Instant.parse("2025-02-02T02:00:00Z"),
                "SPIKE", "TRANSIENT", 1, 30, 2.0, "ads", 0.9, 3, Double.NaN, null, "persisted 1 windows but 90% came from one source");
        StreamTables.StreamRun second = new StreamTables.StreamRun(Instant.parse("2026-01-03T00:00:00Z"), "http://127.0.0.1:8080",
                0, 0, 0, Map.of(), 0, 0, 0, null);
        try (PulseStore store = PulseStore.open(dir.resolve("s.duckdb"))) {
            assertThat(StreamTables.latestRun(store)).isEmpty();
            int one = StreamTables.storeRun(store, first, List.of(sustained, transientOne));
            StreamTables.StoredRun read = StreamTables.latestRun(store).orElseThrow();
            assertThat(read.runId()).isEqualTo(one).isEqualTo(1);
            assertThat(read.run()).isEqualTo(first);
            assertThat(read.alertsSustained()).isEqualTo(1);
            assertThat(read.alertsTransient()).isEqualTo(1);
            // id order: "channel/…" sorts before "item/…"
            assertThat(StreamTables.alerts(store, one)).containsExactly(transientOne, sustained);

            int two = StreamTables.storeRun(store, second, List.of());
            assertThat(two).isEqualTo(2);
            assertThat(StreamTables.latestRun(store).orElseThrow().run()).isEqualTo(second);
            assertThat(StreamTables.alerts(store, two)).isEmpty();
            assertThat(StreamTables.alerts(store, one)).as("older runs keep their alerts").hasSize(2);
            assertThat(store.scalarLong("SELECT count(*) FROM stream_runs")).isEqualTo(2);
        }
    }
}
