package io.pulse.store.features;

import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable.FeatureSummary;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import io.pulse.store.ingest.Mapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated store (500 users, 60 days) with features at a cutoff ten days before the last event;
 * purchases, sessions and monetary_total of every user are recounted from events.csv in plain Java.
 */
class GeneratedFeaturesTest {

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static LocalDate cutoff;
    private static FeatureSummary summary;
    private static Map<String, long[]> counts;
    private static Map<String, BigDecimal> money;

    @BeforeAll
    static void generateIngestAndBuild() throws IOException {
        Path data = dir.resolve("data");
        StoreGenerator.generate(GeneratorConfig.defaults().withUsers(500).withDays(60).withSeed(7L), data, Progress.NONE);
        store = PulseStore.open(dir.resolve("pulse.duckdb"));
        Ingestor.ingestEvents(store, IngestRequest.of(data.resolve("events.csv"), Mapping.canonical()));
        Ingestor.ingestUsers(store, IngestRequest.of(data.resolve("users.csv"), Mapping.canonical()));
        cutoff = FeatureTable.lastEventDay(store).minusDays(10);
        summary = FeatureTable.build(store, cutoff);
        recount(data.resolve("events.csv"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** Per user, events on or before the cutoff: [purchases, sessions]; purchases minus refunds. */
    private static void recount(Path events) throws IOException {
        counts = new HashMap<>();
        money = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            List<String> header = Arrays.asList(in.readLine().split(","));
            int user = header.indexOf("user_id");
            int ts = header.indexOf("ts");
            int type = header.indexOf("type");
            int amount = header.indexOf("amount");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (LocalDate.ofInstant(Instant.parse(f[ts]), ZoneOffset.UTC).isAfter(cutoff)) {
                    continue;
                }
                long[] c = counts.computeIfAbsent(f[user], k -> new long[2]);
                money.putIfAbsent(f[user], BigDecimal.ZERO);
                switch (f[type]) {
                    case "purchase" -> {
                        c[0]++;
                        if (!f[amount].isEmpty()) {
                            money.merge(f[user], new BigDecimal(f[amount]), BigDecimal::add);
                        }
                    }
                    case "refund" -> {
                        if (!f[amount].isEmpty()) {
                            money.merge(f[user], new BigDecimal(f[amount]).negate(), BigDecimal::add);
                        }
                    }
                    case "session" -> c[1]++;
                    default -> {
                    }
                }
            }
        }
    }

    @Test
    void purchasesSessionsAndMoneyMatchARecountForEveryUserWithEvents() {
        Map<String, Map<String, Object>> rows = FeatureTableTest.rows(store);
        assertThat(summary.users()).isEqualTo(rows.size());
        assertThat(rows.keySet()).containsAll(counts.keySet());
        assertThat(counts).isNotEmpty();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            Map<String, Object> row = rows.get(e.getKey());
            assertThat(((Number) row.get("purchases")).longValue()).as("purchases of %s", e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(((Number) row.get("sessions")).longValue()).as("sessions of %s", e.getKey()).isEqualTo(e.getValue()[1]);
            assertThat((BigDecimal) row.get("monetary_total")).as("monetary_total of %s", e.getKey())
                    .isEqualByComparingTo(money.get(e.getKey()));
        }
    }

    @Test
    void usersWithoutEventsBeforeTheCutoffHaveZeroCounts() {
        FeatureTableTest.rows(store).forEach((user, row) -> {
            if (!counts.containsKey(user)) {
                assertThat(((Number) row.get("purchases")).longValue()).isZero();
                assertThat(row.get("last_seen")).isNull();
            }
        });
    }
}
