package io.pulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.store.PulseStore;
import io.pulse.store.stream.StreamTables;
import io.pulse.store.stream.StreamTables.StoredAlert;
import io.pulse.store.tags.TagAuditStore;
import io.pulse.store.views.StoreReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored runs as the API and the report answer them, on hand-written runs whose order and counts are known. */
class StoredRunsTest {

    @TempDir
    Path dir;

    private static StoredAlert alert(String key, String label, String end, String decision) {
        Instant e = Instant.parse(end);
        Instant start = e.minusSeconds(3600);
        return new StoredAlert("item/1h|" + key + "|" + start + "|" + label, "item/1h", key, start, e, "SPIKE", label,
                1, 10, 2.5, "(direct)", 0.5, 7, Double.NaN, decision, "because");
    }

    private static StreamTables.StreamRun run(String source, long alerts) {
        return new StreamTables.StreamRun(Instant.parse("2026-01-01T00:00:00Z"), source, 10, 1, 2,
                Map.of("rate_limit", 3L), 4, 5, alerts, Instant.parse("2025-02-05T00:00:00Z"));
    }

    @Test
    void theStreamSummaryIsTheNewestRunSustainedFirstThenNewestEndWithCountsAndDecisions() {
        StoredAlert a = alert("a", "TRANSIENT", "2025-02-01T02:00:00Z", null);
        StoredAlert b = alert("b", "SUSTAINED", "2025-02-01T05:00:00Z", "raise stock for item b");
        StoredAlert c = alert("c", "SUSTAINED", "2025-02-03T00:00:00Z", "raise stock for item c");
        StoredAlert d = alert("d", "TRANSIENT", "2025-02-04T00:00:00Z", null);
        try (PulseStore store = PulseStore.open(dir.resolve("s.duckdb")); StoreReader r = new StoreReader(store)) {
            assertThat(StoredRuns.streamSummary(r, 10)).isEmpty();
            StreamTables.storeRun(store, run("old.csv", 1), List.of(alert("old", "SUSTAINED", "2025-03-01T00:00:00Z", "x")));
            StreamTables.storeRun(store, run("new.csv", 4), List.of(a, b, c, d));

            Map<String, Object> s = StoredRuns.streamSummary(r, 3).orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> head = (Map<String, Object>) s.get("run");
            assertThat(head).containsEntry("run_id", 2).containsEntry("source", "new.csv")
                    .containsEntry("events_in", 10L).containsEntry("alerts", 4L).containsEntry("alerts_transient", 2L)
                    .containsEntry("alerts_sustained", 2L).containsEntry("filtered", Map.of("rate_limit", 3))
                    .containsEntry("watermark", "2025-02-05T00:00:00Z");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> alerts = (List<Map<String, Object>>) s.get("alerts");
            assertThat(alerts).extracting(m -> m.get("key")).containsExactly("c", "b", "d");
            assertThat(alerts.get(0)).containsEntry("id", c.id()).containsEntry("end", "2025-02-03T00:00:00Z")
                    .containsEntry("label", "SUSTAINED").containsEntry("related_lift", null)
                    .containsEntry("decision", "raise stock for item c");
            assertThat(s.get("by_label")).isEqualTo(Map.of("SUSTAINED", 2L, "TRANSIENT", 2L));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> decisions = (List<Map<String, Object>>) s.get("decisions");
            assertThat(decisions).extracting(m -> m.get("key")).containsExactly("c", "b");
            assertThat(decisions.get(1)).containsOnlyKeys("key", "window", "decision", "reason", "start", "end");
        }
    }

    @Test
    void theTagAuditIsTheNewestDocumentWithItsIdAndTimeFirst() {
        try (PulseStore store = PulseStore.open(dir.resolve("t.duckdb")); StoreReader r = new StoreReader(store)) {
            assertThat(StoredRuns.tagAudit(r)).isEmpty();
            TagAuditStore.store(store, LocalDate.parse("2025-01-01"), 30, "{\"knee\":2}");
            TagAuditStore.store(store, LocalDate.parse("2025-02-01"), 30, "{\"knee\":3,\"all_tags_auc\":0.7125}");
            Map<String, Object> a = StoredRuns.tagAudit(r).orElseThrow();
            assertThat(a.keySet()).containsExactly("audit_id", "computed_at", "knee", "all_tags_auc");
            assertThat(a.get("audit_id")).isEqualTo(2);
            assertThat(io.pulse.server.PulseJson.text(a)).endsWith("\"knee\":3,\"all_tags_auc\":0.7125}");
        }
    }
}
