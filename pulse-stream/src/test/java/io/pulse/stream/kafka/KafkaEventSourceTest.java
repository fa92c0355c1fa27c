package io.pulse.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.stream.EventParser;
import io.pulse.stream.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaEventSource} and {@link CsvPublisher} against a real embedded KRaft broker. */
class KafkaEventSourceTest {

    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    /** 3 users × 400 events, each user's events a second apart, item and source varying. */
    static List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            for (int u = 0; u < 3; u++) {
                out.add(String.format("e%d-%d,u%d,2025-03-01T10:%02d:%02dZ,view,,%d,i%d,c1,web,s%d,", u, i, u,
                        i / 60, i % 60, i % 7, i % 11, u));
            }
        }
        return out;
    }

    static List<String> drain(KafkaEventSource source, int expected) {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (got.size() < expected && System.nanoTime() < deadline) {
            for (byte[] v : source.poll(Duration.ofMillis(200))) {
                got.add(new String(v, StandardCharsets.UTF_8));
            }
        }
        return got;
    }

    /** Each user's lines in the order they were published: what one partition keeps. */
    static Map<String, List<String>> byUser(List<String> lines) {
        Map<String, List<String>> out = new HashMap<>();
        for (String l : lines) {
            out.computeIfAbsent(l.split(",")[1], k -> new ArrayList<>()).add(l);
        }
        return out;
    }

    @Test
    void everyPublishedLineIsConsumedOnceWithEachUsersLinesInOrder() throws Exception {
        Path csv = dir.resolve("events.csv");
        List<String> lines = lines();
        Files.writeString(csv, KafkaEventSource.CSV_HEADER + "\n" + String.join("\n", lines) + "\n");
        CsvPublisher.createTopic(kafka.bootstrapServers(), "all-lines", 3);

        assertThat(CsvPublisher.publishFile(kafka.bootstrapServers(), "all-lines", csv)).isEqualTo(1200);
        try (KafkaEventSource source = KafkaEventSource.open(kafka.bootstrapServers(), "all-lines", null)) {
            List<String> got = drain(source, lines.size());

            assertThat(got).containsExactlyInAnyOrderElementsOf(lines);
            assertThat(byUser(got)).isEqualTo(byUser(lines));
            assertThat(source.positions().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1200);
            EventParser parser = source.parser();
            StreamEvent e = parser.parse(got.get(0), 1);
            assertThat(parser.users().name(e.user())).isEqualTo(got.get(0).split(",")[1]);
        }
    }

    @Test
    void seekingToSavedPositionsResumesWithTheRecordsNotYetTaken() {
        CsvPublisher.createTopic(kafka.bootstrapServers(), "resume", 2);
        List<String> lines = lines();
        CsvPublisher.publish(kafka.bootstrapServers(), "resume", lines.subList(0, 600));

        Map<Integer, Long> saved;
        List<String> first;
        try (KafkaEventSource source = KafkaEventSource.open(kafka.bootstrapServers(), "resume", null)) {
            first = drain(source, 600);
            saved = source.positions();
        }
        CsvPublisher.publish(kafka.bootstrapServers(), "resume", lines.subList(600, lines.size()));
        try (KafkaEventSource source = KafkaEventSource.open(kafka.bootstrapServers(), "resume", "pulse-resume")) {
            source.seek(saved);
            List<String> rest = drain(source, 600);

            assertThat(first).containsExactlyInAnyOrderElementsOf(lines.subList(0, 600));
            assertThat(rest).containsExactlyInAnyOrderElementsOf(lines.subList(600, lines.size()));
            Map<Integer, Long> end = source.positions();
            assertThat(end.keySet()).containsExactlyInAnyOrder(0, 1);
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1200);
        }
    }

    @Test
    void aLineIsKeyedByItsUser() {
        assertThat(new String(CsvPublisher.userId("e1,u42,2025-01-01T00:00:00Z,view".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("u42");
    }
}
