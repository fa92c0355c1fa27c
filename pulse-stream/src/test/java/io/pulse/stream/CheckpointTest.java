package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import io.pulse.generate.Campaigns;
import io.pulse.generate.GeneratorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint → restore → continue, in process, on a generated store (4,000 users, 90 days, planted spikes
 * and shifts): at every cut point the alerts before the cut plus those after the restore, and the final
 * stats, equal one uninterrupted run's exactly.
 */
class CheckpointTest {

    @TempDir
    static Path store;

    static Path events;
    static List<Alert> uninterruptedAlerts;
    static StreamStats uninterruptedStats;

    @TempDir
    Path dir;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        events = generate(store);
        FileReplay replay = FileReplay.open(events);
        uninterruptedAlerts = new ArrayList<>();
        uninterruptedStats = new StreamEngine(StreamConfig.defaults(), replay.parser(), uninterruptedAlerts::add,
                e -> { }).replay(replay, 0);
    }

    /** The store of the crash tests: small, with more spikes than the default rate and two level shifts. */
    static Path generate(Path dir) throws IOException {
        GeneratorConfig config = new GeneratorConfig(4_000, 90, 11, LocalDate.of(2025, 1, 1), 20.0, 2,
                Campaigns.disabled());
        return GeneratedStore.generate(config, dir).events();
    }

    @Test
    void restoringACheckpointAndContinuingEqualsAnUninterruptedRun() throws Exception {
        assertThat(uninterruptedAlerts).hasSizeGreaterThan(5);
        List<StreamEvent> all = parsedInOrder(FileReplay.open(events));
        for (double at : new double[] {0.0, 0.13, 0.5, 0.77, 0.999}) {
            int cut = (int) (at * all.size());
            Path checkpoint = dir.resolve("cut-" + cut + ".ckpt");
            FileReplay first = FileReplay.open(events);
            List<StreamEvent> firstEvents = parsedInOrder(first);
            List<Alert> alerts = new ArrayList<>();
            StreamEngine before = new StreamEngine(StreamConfig.defaults(), first.parser(), alerts::add, e -> { });
            for (StreamEvent e : firstEvents.subList(0, cut)) {
                before.accept(e);
            }
            before.checkpoint(checkpoint);

            FileReplay second = FileReplay.open(events);
            StreamStats stats = new StreamEngine(StreamConfig.defaults(), second.parser(), alerts::add, e -> { })
                    .resume(checkpoint, second, 0);

            assertThat(alerts).as("alerts with a restore at event %d", cut).isEqualTo(uninterruptedAlerts);
            assertThat(stats).as("stats with a restore at event %d", cut).isEqualTo(uninterruptedStats);
        }
    }

    @Test
    void withSlidingWindowsRestoringACheckpointMidRunEqualsAnUninterruptedRun() throws Exception {
        StreamConfig sliding = StreamConfig.defaults().withWindows(List.of(
                new WindowSpec(Dimension.ITEM, Duration.ofHours(1), 24, 10).sliding(Duration.ofMinutes(10)),
                new WindowSpec(Dimension.ITEM, Duration.ofDays(1), 5, 10).sliding(Duration.ofHours(6)),
                new WindowSpec(Dimension.CATEGORY, Duration.ofHours(1), 24, 50).sliding(Duration.ofMinutes(15)),
                new WindowSpec(Dimension.SOURCE, Duration.ofHours(1), 24, 50)));
        FileReplay replay = FileReplay.open(events);
        List<Alert> expected = new ArrayList<>();
        StreamStats expectedStats = new StreamEngine(sliding, replay.parser(), expected::add, e -> { }).replay(replay, 0);
        assertThat(expected).filteredOn(a -> !a.window().tumbling()).hasSizeGreaterThan(5);

        for (double at : new double[] {0.31, 0.72}) {
            FileReplay first = FileReplay.open(events);
            List<StreamEvent> firstEvents = parsedInOrder(first);
            int cut = (int) (at * firstEvents.size());
            Path checkpoint = dir.resolve("sliding-" + cut + ".ckpt");
            List<Alert> alerts = new ArrayList<>();
            StreamEngine before = new StreamEngine(sliding, first.parser(), alerts::add, e -> { });
            for (StreamEvent e : firstEvents.subList(0, cut)) {
                before.accept(e);
            }
            before.checkpoint(checkpoint);
            FileReplay second = FileReplay.open(events);
            StreamStats stats = new StreamEngine(sliding, second.parser(), alerts::add, e -> { })
                    .resume(checkpoint, second, 0);

            assertThat(alerts).as("alerts with a restore at event %d", cut).isEqualTo(expected);
            assertThat(stats).as("stats with a restore at event %d", cut).isEqualTo(expectedStats);
            assertThatThrownBy(() -> new StreamEngine(StreamConfig.defaults(), FileReplay.open(events).parser(),
                    a -> { }, e -> { }).restore(checkpoint)).as("a tumbling config refuses a sliding checkpoint")
                    .isInstanceOf(PulseInputException.class).hasMessageContaining("another config");
        }
    }

    @Test
    void periodicCheckpointsRepeatOnlyTheAlertsAfterTheLastOne() throws Exception {
        Path checkpoint = dir.resolve("periodic.ckpt");
        FileReplay first = FileReplay.open(events);
        List<StreamEvent> firstEvents = parsedInOrder(first);
        List<Alert> alerts = new ArrayList<>();
        StreamEngine crashed = new StreamEngine(StreamConfig.defaults(), first.parser(), alerts::add, e -> { })
                .checkpoints(Checkpoint.Schedule.everyEventTime(checkpoint, Duration.ofDays(7)));
        int crashAt = firstEvents.size() * 2 / 3;
        for (StreamEvent e : firstEvents.subList(0, crashAt)) {
            crashed.accept(e);
        }

        FileReplay second = FileReplay.open(events);
        StreamEngine resumed = new StreamEngine(StreamConfig.defaults(), second.parser(), alerts::add, e -> { });
        resumed.restore(checkpoint);
        long offset = resumed.offset();
        assertThat(offset).isBetween(1L, (long) crashAt);
        assertThat(firstEvents.get((int) offset - 1).ts() - firstEvents.get(0).ts())
                .as("the last checkpoint is a week of event time behind the crash at most")
                .isGreaterThan(firstEvents.get(crashAt - 1).ts() - firstEvents.get(0).ts() - Duration.ofDays(8).toMillis());
        StreamStats stats = resumed.replay(second, 0);
        assertThat(stats.eventsIn()).isEqualTo(firstEvents.size());
        assertThat(alerts).as("alerts between the checkpoint and the crash come twice").hasSizeGreaterThan(
                uninterruptedAlerts.size());
        assertThat(alerts.stream().map(Alert::id).distinct().toList())
                .isEqualTo(uninterruptedAlerts.stream().map(Alert::id).toList());
        assertThat(alerts).containsAll(uninterruptedAlerts);
        assertThat(stats).isEqualTo(uninterruptedStats);
    }

    @Test
    void aDamagedCheckpointIsRefusedAndAnInterruptedWriteLeavesThePreviousOne() throws Exception {
        Path checkpoint = dir.resolve("engine.ckpt");
        FileReplay replay = FileReplay.open(events);
        StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> { }, e -> { });
        for (StreamEvent e : parsedInOrder(replay).subList(0, 10_000)) {
            engine.accept(e);
        }
        engine.checkpoint(checkpoint);
        byte[] good = Files.readAllBytes(checkpoint);
        Files.write(dir.resolve("engine.ckpt.partial"), new byte[] {1, 2, 3});
        assertThat(new StreamEngine(StreamConfig.defaults(), FileReplay.open(events).parser(), a -> { }, e -> { }))
                .satisfies(fresh -> {
                    fresh.restore(checkpoint);
                    assertThat(fresh.offset()).isEqualTo(10_000);
                });

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        Files.write(checkpoint, flipped);
        assertThatThrownBy(() -> new StreamEngine(StreamConfig.defaults(), FileReplay.open(events).parser(), a -> { },
                e -> { }).restore(checkpoint)).isInstanceOf(PulseInputException.class).hasMessageContaining("checksum");
        Files.write(checkpoint, Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> new StreamEngine(StreamConfig.defaults(), FileReplay.open(events).parser(), a -> { },
                e -> { }).restore(checkpoint)).isInstanceOf(PulseInputException.class).hasMessageContaining("truncated");
    }

    /** Every event of {@code replay} in its time order, parsed by its own parser. */
    static List<StreamEvent> parsedInOrder(FileReplay replay) throws InterruptedException {
        LinkedBlockingQueue<StreamEvent[]> queue = new LinkedBlockingQueue<>();
        replay.produce(0, queue, 4096);
        List<StreamEvent> out = new ArrayList<>(replay.events());
        for (StreamEvent[] batch : queue) {
            out.addAll(List.of(batch));
        }
        return out;
    }
}
