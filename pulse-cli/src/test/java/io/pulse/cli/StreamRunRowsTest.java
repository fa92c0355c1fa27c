package io.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.stream.Alert;
import io.pulse.stream.AlertJson;
import io.pulse.stream.Dimension;
import io.pulse.stream.NoiseFilter;
import io.pulse.stream.StreamStats;
import io.pulse.stream.WindowSpec;
import io.pulse.store.stream.StreamTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows {@code pulse stream --db} stores, from the engine's alerts and from an alert-lines file alike. */
class StreamRunRowsTest {

    @TempDir
    Path dir;

    static final Alert SUSTAINED = new Alert(new WindowSpec(Dimension.ITEM, Duration.ofHours(1), 24, 10), "sku-\"1\"",
            Instant.parse("2025-02-01T10:00:00Z"), Instant.parse("2025-02-02T11:00:00Z"), Alert.Kind.LEVEL_SHIFT,
            Alert.Label.SUSTAINED, new Alert.Evidence(25, 900, 12.5, "(direct)", 0.31, 410, 0.75),
            "raise stock for item sku-\"1\"", "elevated for 25 windows from broad sources (top 31%, 410 users)");
    static final Alert TRANSIENT = new Alert(new WindowSpec(Dimension.CHANNEL, Duration.ofHours(1), 24, 50), "email",
            Instant.parse("2025-02-03T00:00:00Z"), Instant.parse("2025-02-03T02:00:00Z"), Alert.Kind.SPIKE,
            Alert.Label.TRANSIENT, new Alert.Evidence(2, 96, 0.75, "ads", 1.0, 36, Double.NaN), null,
            "elevated for 2 window(s), fewer than 24");

    @Test
    void anAlertReadBackFromItsLineIsTheRowStoredFromTheAlert() throws Exception {
        Path file = Files.write(dir.resolve("alerts.jsonl"), List.of(AlertJson.line(SUSTAINED), "",
                AlertJson.line(TRANSIENT)));
        List<StreamTables.StoredAlert> read = StreamCommand.storedAlerts(file);
        assertThat(read).containsExactly(StreamCommand.stored(SUSTAINED), StreamCommand.stored(TRANSIENT));
        StreamTables.StoredAlert t = read.get(1);
        assertThat(t.id()).isEqualTo("channel/1h|email|2025-02-03T00:00:00Z|TRANSIENT");
        assertThat(t.kind()).isEqualTo("SPIKE");
        assertThat(t.relatedLift()).isNaN();
        assertThat(t.decision()).isNull();
        assertThat(read.get(0).decision()).isEqualTo("raise stock for item sku-\"1\"");
    }

    @Test
    void theRunRowCarriesTheEngineCountsWithReasonsInLowerCaseAndNoWatermarkBeforeAnEvent() {
        StreamStats stats = new StreamStats(10, 1, 2, Map.of(NoiseFilter.Reason.BOT_LIKE, 3L,
                NoiseFilter.Reason.RATE_LIMIT, 0L), 4, 6, 2);
        StreamTables.StreamRun run = StreamCommand.run(stats, Long.MIN_VALUE, "x.csv");
        assertThat(run.filtered()).containsExactly(Map.entry("rate_limit", 0L), Map.entry("bot_like", 3L));
        assertThat(run.watermark()).isNull();
        assertThat(run.eventsIn() - run.late() - run.duplicates() - 3 - run.accepted()).isZero();
        assertThat(StreamCommand.run(stats, 86_400_000L, "x.csv").watermark())
                .isEqualTo(Instant.parse("1970-01-02T00:00:00Z"));
    }
}
