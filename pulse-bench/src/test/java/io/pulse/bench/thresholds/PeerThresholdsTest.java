package io.pulse.bench.thresholds;

import io.pulse.bench.features.TableDiff;
import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.store.PulseStore;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import io.pulse.store.thresholds.ThresholdRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's SQL peer is only a peer if it writes what {@code ThresholdRun} writes, reason text
 * included, and the comparison only proves it if it notices a difference: a small generated store
 * (400 users, 120 days) shows both.
 */
class PeerThresholdsTest {

    @TempDir
    static java.nio.file.Path dir;
    private static PulseStore store;

    @BeforeAll
    static void generateAndIngest() throws IOException {
        StoreGenerator.generate(GeneratorConfig.defaults().withUsers(400).withDays(120), dir, Progress.NONE);
        store = PulseStore.open(dir.resolve("store.duckdb"));
        Ingestor.ingestEvents(store, IngestRequest.of(dir.resolve("events.csv"), Ingestor.eventMapping("canonical")));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void handWrittenSqlGivesEveryValueOfPulsesThresholdTable() throws SQLException {
        ThresholdRun.run(store, ThresholdRun.Options.defaults());
        PeerThresholds.build(store.connection(), 0.95);

        TableDiff.Result diff = TableDiff.compare(store.connection(), "thresholds", PeerThresholds.TABLE);

        assertThat(diff.problems()).isEmpty();
        assertThat(diff.columns()).isEqualTo(11);
        assertThat(diff.rows()).isGreaterThan(300);
        assertThat(store.scalarLong("SELECT count(*) FROM " + PeerThresholds.TABLE + " WHERE active_days = 1")).isPositive();
        assertThat(store.scalarLong("SELECT count(*) FROM " + PeerThresholds.TABLE + " WHERE beyond_threshold")).isPositive();
        assertThat(store.scalarLong("SELECT count(*) FROM " + PeerThresholds.TABLE + " WHERE reason LIKE '%leans on%'"))
                .isPositive();
    }

    @Test
    void theComparisonNamesAUserWhoseThresholdDiffers() throws SQLException {
        ThresholdRun.run(store, ThresholdRun.Options.defaults());
        PeerThresholds.build(store.connection(), 0.95);
        try (Statement s = store.connection().createStatement()) {
            s.execute("UPDATE " + PeerThresholds.TABLE + " SET dormancy_threshold_days = dormancy_threshold_days"
                    + " * (1 + 1e-6) WHERE user_id = (SELECT min(user_id) FROM " + PeerThresholds.TABLE + ")");
        }

        TableDiff.Result diff = TableDiff.compare(store.connection(), "thresholds", PeerThresholds.TABLE);

        assertThat(diff.equal()).isFalse();
        assertThat(diff.problems()).anyMatch(p -> p.contains("dormancy_threshold_days"));
    }

    @Test
    void theQuantileIsTheStandardNormals() {
        assertThat(PeerThresholds.z(0.95)).isCloseTo(1.6448536269514722, org.assertj.core.data.Offset.offset(1e-8));
    }
}
