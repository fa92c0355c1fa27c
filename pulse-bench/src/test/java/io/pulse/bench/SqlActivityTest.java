package io.pulse.bench;

import io.pulse.core.activity.ActivityOptions;
import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.store.PulseStore;
import io.pulse.store.activity.StoreActivity;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's peer is only a peer if it computes what Pulse computes; a small store shows it does. */
class SqlActivityTest {

    @Test
    void handWrittenSqlGivesEveryFigureOfPulsesActivityAnalysis(@TempDir Path dir) throws Exception {
        // 100 days from a Wednesday: partial first and last ISO weeks and months, and cohorts cut by the end.
        StoreGenerator.generate(GeneratorConfig.defaults().withUsers(300).withDays(100), dir, Progress.NONE);
        try (PulseStore store = PulseStore.open(dir.resolve("store.duckdb"))) {
            Ingestor.ingestEvents(store, IngestRequest.of(dir.resolve("events.csv"), Ingestor.eventMapping("canonical")));
            Ingestor.ingestUsers(store, IngestRequest.of(dir.resolve("users.csv"), Ingestor.userMapping("canonical")));

            List<ActivityCheck.Check> checks = ActivityCheck.compare(
                    StoreActivity.analyze(store, ActivityOptions.defaults(), ZoneOffset.UTC),
                    SqlActivity.analyze(store.connection(), 12));

            assertThat(checks).allSatisfy(c -> assertThat(c.firstMismatch()).as(c.figures()).isNull());
            assertThat(checks.stream().mapToInt(ActivityCheck.Check::compared).sum()).isGreaterThan(1000);
        }
    }
}
