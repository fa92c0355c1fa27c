package io.pulse.store.tags;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.store.PulseStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagAuditStoreTest {

    @TempDir
    Path dir;

    @Test
    void twoAuditsAreAppendedAndTheLatestIsTheSecondAsWritten() {
        String firstJson = "{\"tags_at\":\"2025-01-01\",\"knee\":3}";
        String secondJson = "{\"tags_at\":\"2025-02-01\",\"knee\":5,\"note\":\"it's\"}";
        try (PulseStore store = PulseStore.open(dir.resolve("s.duckdb"))) {
            assertThat(TagAuditStore.latest(store)).isEmpty();
            Instant before = Instant.now().minusSeconds(1);
            int one = TagAuditStore.store(store, LocalDate.parse("2025-01-01"), 30, firstJson);
            int two = TagAuditStore.store(store, LocalDate.parse("2025-02-01"), 14, secondJson);
            assertThat(one).isEqualTo(1);
            assertThat(two).isEqualTo(2);
            TagAuditStore.StoredAudit latest = TagAuditStore.latest(store).orElseThrow();
            assertThat(latest.auditId()).isEqualTo(2);
            assertThat(latest.tagsAt()).isEqualTo(LocalDate.parse("2025-02-01"));
            assertThat(latest.horizonDays()).isEqualTo(14);
            assertThat(latest.json()).isEqualTo(secondJson);
            assertThat(latest.computedAt()).isBetween(before, Instant.now().plusSeconds(1));
            assertThat(store.scalarLong("SELECT count(*) FROM tag_audits")).isEqualTo(2);
            assertThat(store.scalarLong("SELECT horizon_days FROM tag_audits WHERE audit_id = 1")).isEqualTo(30);
        }
    }
}
