package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.stream.kafka.CsvPublisher;
import io.pulse.stream.kafka.EmbeddedKafka;
import io.pulse.stream.kafka.KafkaLiveSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process engine fed from a real (embedded KRaft) Kafka topic of three partitions, keyed by user: the
 * source merges the partitions in event time, so the run equals a file replay of the same events — the same
 * accounting (no extra late events although Kafka hands the partitions over in chunks) and the same alerts —
 * and a run stopped after a checkpoint resumes at the stored offsets to the same end.
 */
class KafkaLiveRunTest {

    static EmbeddedKafka kafka;
    @TempDir
    static Path store;
    static StreamStats replayStats;
    static List<String> replayAlerts = new ArrayList<>();
    static String header;

    @TempDir
    Path dir;

    @BeforeAll
    static void publish() throws Exception {
        Path events = CheckpointTest.generate(store);
        FileReplay replay = FileReplay.open(events);
        replayStats = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> replayAlerts.add(AlertJson.line(a)),
                e -> { }).replay(replay, 0);
        List<String> all = Files.readAllLines(events, StandardCharsets.UTF_8);
        header = all.get(0);
        EventParser p = new EventParser(header, "order");
        record Line(long second, int at, String text) {
        }
        List<Line> data = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            byte[] b = all.get(i).getBytes(StandardCharsets.UTF_8);
            data.add(new Line(Math.floorDiv(p.timestamp(b, 0, b.length, i + 1), 1000L), i, all.get(i)));
        }
        data.sort(Comparator.comparingLong(Line::second).thenComparingInt(Line::at));
        kafka = EmbeddedKafka.start();
        CsvPublisher.createTopic(kafka.bootstrapServers(), "events", 3);
        CsvPublisher.publish(kafka.bootstrapServers(), "events", data.stream().map(Line::text).toList());
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    private static List<String> sorted(List<String> alerts) {
        return alerts.stream().sorted().toList();
    }

    @Test
    void aTopicOfThreePartitionsGivesTheFileReplaysAccountingAndAlerts() throws Exception {
        List<String> alerts = new ArrayList<>();
        StreamStats stats;
        try (KafkaLiveSource source = KafkaLiveSource.open(kafka.bootstrapServers(), "events", null, true)) {
            stats = new StreamEngine(StreamConfig.defaults(), new EventParser(header, "kafka"),
                    a -> alerts.add(AlertJson.line(a)), e -> { }).live(source, LiveOptions.defaults());
        }
        assertThat(replayAlerts).hasSizeGreaterThan(5);
        assertThat(stats).isEqualTo(replayStats);
        assertThat(sorted(alerts)).isEqualTo(sorted(replayAlerts));
    }

    @Test
    void aRunStoppedAfterACheckpointResumesAtTheStoredOffsets() throws Exception {
        Path ckpt = dir.resolve("kafka.ckpt");
        Path alertFile = dir.resolve("alerts.jsonl");
        long stoppedAt;
        try (KafkaLiveSource first = KafkaLiveSource.open(kafka.bootstrapServers(), "events", null, true);
             ReplayMain.AlertFile sink = ReplayMain.AlertFile.open(alertFile)) {
            boolean[] stopped = {false};
            StreamEngine[] one = new StreamEngine[1];
            // What finish() closes early after the stop is not what the whole run emits: those are not kept.
            one[0] = new StreamEngine(StreamConfig.defaults(), new EventParser(header, "kafka"), a -> {
                if (!stopped[0]) {
                    sink.accept(a);
                }
            }, e -> { }).checkpoints(Checkpoint.Schedule.everyEvents(ckpt, 20_000));
            one[0].live(first, LiveOptions.defaults().withStop(() -> stopped[0] = one[0].offset() >= 70_000));
            stoppedAt = one[0].offset();
        }
        assertThat(stoppedAt).isBetween(70_000L, (long) replayStats.eventsIn() - 1);
        assertThat(SourcePositions.find(ckpt, stoppedAt)).as("offsets stored with the last checkpoint").isPresent();
        StreamStats stats;
        try (KafkaLiveSource again = KafkaLiveSource.open(kafka.bootstrapServers(), "events", null, true);
             ReplayMain.AlertFile sink = ReplayMain.AlertFile.open(alertFile)) {
            stats = new StreamEngine(StreamConfig.defaults(), new EventParser(header, "kafka"), sink, e -> { })
                    .resumeLive(ckpt, again, LiveOptions.defaults());
        }
        assertThat(stats).isEqualTo(replayStats);
        assertThat(sorted(Files.readAllLines(alertFile))).isEqualTo(sorted(replayAlerts));
    }
}
