package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live loop against the file replay, on the generated store of {@link CheckpointTest}: the same lines fed
 * by a {@link LiveSource} give the same stats and alerts; a run stopped after a checkpoint and resumed from it
 * with a seekable source ends as an uninterrupted one.
 */
class LiveRunTest {

    @TempDir
    static Path store;

    static List<byte[]> lines;
    static String header;
    static StreamStats replayStats;
    static List<String> replayAlerts = new ArrayList<>();
    /** Engine offset when each alert of the replay was emitted. */
    static List<Long> replayAlertOffsets = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void replay() throws Exception {
        Path events = CheckpointTest.generate(store);
        FileReplay replay = FileReplay.open(events);
        StreamEngine[] engine = new StreamEngine[1];
        engine[0] = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> {
            replayAlerts.add(AlertJson.line(a));
            replayAlertOffsets.add(engine[0].offset());
        }, e -> { });
        replayStats = engine[0].replay(replay, 0);
        List<String> all = Files.readAllLines(events, StandardCharsets.UTF_8);
        header = all.get(0);
        EventParser p = new EventParser(header, "order");
        record Line(long second, int at, byte[] bytes) {
        }
        List<Line> data = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            byte[] b = all.get(i).getBytes(StandardCharsets.UTF_8);
            data.add(new Line(Math.floorDiv(p.timestamp(b, 0, b.length, i + 1), 1000L), i, b));
        }
        data.sort(Comparator.comparingLong(Line::second).thenComparingInt(Line::at));
        lines = data.stream().map(Line::bytes).toList();
    }

    /** The lines in batches of 1,000, seekable by index: what a Kafka adapter looks like to the engine. */
    static final class ListSource implements LiveSource {
        int next;
        int polls;

        @Override
        public Batch poll(Duration timeout) {
            if (next >= lines.size()) {
                return null;
            }
            polls++;
            int to = Math.min(lines.size(), next + 1_000);
            Batch b = new CsvLines(lines.subList(next, to));
            next = to;
            return b;
        }

        @Override
        public Optional<String> position() {
            return Optional.of(Integer.toString(next));
        }

        @Override
        public void seek(String position) {
            next = Integer.parseInt(position);
        }
    }

    @Test
    void aLiveSourceGivesTheFileReplaysStatsAndAlerts() throws Exception {
        List<String> alerts = new ArrayList<>();
        AtomicInteger ticks = new AtomicInteger();
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), new EventParser(header, "live"),
                a -> alerts.add(AlertJson.line(a)), e -> { })
                .live(new ListSource(), LiveOptions.defaults().withTick(Duration.ofMillis(250), s -> ticks.incrementAndGet()));

        assertThat(stats).isEqualTo(replayStats);
        assertThat(replayAlerts).hasSizeGreaterThan(5);
        assertThat(alerts).containsExactlyElementsOf(replayAlerts);
        assertThat(ticks.get()).as("once at the end at least").isPositive();
    }

    @Test
    void eventsGivenAsFieldsGiveTheSameStatsAndAlertsAsCsvLines() throws Exception {
        String[] names = header.split(",", -1);
        List<String[]> rows = new ArrayList<>();
        for (byte[] line : lines) {
            String[] v = new String(line, StandardCharsets.UTF_8).split(",", -1);
            String[] row = new String[EventParser.FIELDS.size()];
            for (int c = 0; c < names.length; c++) {
                row[EventParser.FIELDS.indexOf(names[c])] = v[c];
            }
            rows.add(row);
        }
        boolean[] done = {false};
        LiveSource fields = new LiveSource() {
            @Override
            public Batch poll(Duration timeout) {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return new FieldRows(rows);
            }
        };
        List<String> alerts = new ArrayList<>();
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), new EventParser(EventParser.CANONICAL_HEADER, "f"),
                a -> alerts.add(AlertJson.line(a)), e -> { }).live(fields, LiveOptions.defaults());

        assertThat(stats).isEqualTo(replayStats);
        assertThat(alerts).containsExactlyElementsOf(replayAlerts);
    }

    @Test
    void aRunStoppedAfterACheckpointAndResumedAtItsSourcePositionEndsAsAnUninterruptedOne() throws Exception {
        Path ckpt = dir.resolve("live.ckpt");
        ListSource first = new ListSource();
        StreamEngine one = new StreamEngine(StreamConfig.defaults(), new EventParser(header, "live"), a -> { }, e -> { })
                .checkpoints(Checkpoint.Schedule.everyEvents(ckpt, 25_000));
        one.live(first, LiveOptions.defaults().withStop(() -> first.polls >= 60));
        assertThat(SourcePositions.find(ckpt, 60_000)).hasValue("60000");

        List<String> alerts = new ArrayList<>();
        ListSource again = new ListSource();
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), new EventParser(header, "live"),
                a -> alerts.add(AlertJson.line(a)), e -> { })
                .resumeLive(ckpt, again, LiveOptions.defaults());

        assertThat(again.polls).isEqualTo((lines.size() - 60_000 + 999) / 1_000);
        assertThat(stats).isEqualTo(replayStats);
        List<String> after = new ArrayList<>();
        for (int i = 0; i < replayAlerts.size(); i++) {
            if (replayAlertOffsets.get(i) > 60_000) {
                after.add(replayAlerts.get(i));
            }
        }
        assertThat(alerts).containsExactlyElementsOf(after);
    }

    @Test
    void aBadRecordGoesToTheRejectsAndTheRunGoesOn() throws Exception {
        List<String> rejected = new ArrayList<>();
        boolean[] done = {false};
        LiveSource source = new LiveSource() {
            @Override
            public Batch poll(Duration timeout) {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return new CsvLines(List.of("e1,u1,2025-01-01T00:00:00Z,view,,5,i1,toys,organic,google.com,".getBytes(),
                        "e2,u1,not-a-time,view,,5,i1,toys,organic,google.com,".getBytes()));
            }
        };
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), new EventParser(EventParser.CANONICAL_HEADER, "live"),
                a -> { }, e -> { })
                .live(source, LiveOptions.defaults().withRejects(e -> rejected.add(e.describe())));

        assertThat(stats.eventsIn()).isEqualTo(1);
        assertThat(rejected).containsExactly("live:2: field 'ts': not an ISO-8601 timestamp or epoch seconds/millis: 'not-a-time'");
    }

    @Test
    void theSourcePositionOfTheCheckpointIsFoundEvenWhenACrashCameBetweenThePositionAndTheCheckpoint() throws Exception {
        Path ckpt = dir.resolve("c.ckpt");
        SourcePositions.record(ckpt, 10, "0=10");
        SourcePositions.record(ckpt, 20, "0=20");

        assertThat(SourcePositions.find(ckpt, 20)).hasValue("0=20");
        assertThat(SourcePositions.find(ckpt, 10)).as("the older checkpoint survived the crash").hasValue("0=10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourcePositions.find(ckpt, 5))
                .hasMessageContaining("no source position for the checkpoint at event 5");
    }
}
