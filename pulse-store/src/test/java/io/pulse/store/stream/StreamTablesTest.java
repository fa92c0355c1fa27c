package io.pulse.store.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.store.PulseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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
}
