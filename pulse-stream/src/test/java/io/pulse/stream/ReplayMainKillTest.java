package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.pulse.stream.profile.ProfileJson;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: {@link ReplayMain} runs in a child JVM (paced so it is mid-file when it dies), is killed
 * with SIGKILL once it has a checkpoint and some alerts out, then restarted to completion. Its alert file
 * and stats, the actions its online profiles decided and the final profiles must equal those of one
 * uninterrupted in-process run of the same file, line for line.
 */
class ReplayMainKillTest {

    /** 90 days of event time in about six seconds of wall time. */
    private static final double SPEED = 90 * 86_400 / 6.0;

    @TempDir
    Path dir;

    @Test
    void aRunKilledWithSigkillAndRestartedWritesWhatAnUninterruptedRunWrites() throws Exception {
        Path events = CheckpointTest.generate(dir.resolve("store"));
        FileReplay replay = FileReplay.open(events);
        List<String> expected = new ArrayList<>();
        List<String> expectedActions = new ArrayList<>();
        StreamEngine uninterrupted = new StreamEngine(StreamConfig.defaults(), replay.parser(),
                a -> expected.add(ReplayMain.line(a)), e -> { });
        ReplayMain.attachProfiles(uninterrupted, a -> expectedActions.add(ProfileJson.line(a)));
        StreamStats stats = uninterrupted.replay(replay, 0);
        List<String> expectedProfiles = ReplayMain.profileLines(uninterrupted);

        Path alerts = dir.resolve("alerts.jsonl");
        Path checkpoint = dir.resolve("engine.ckpt");
        Process child = start(events, alerts, checkpoint, SPEED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(checkpoint) && lines(alerts) >= 3) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("the child is still replaying when it is killed").isTrue();
        ProcessHandle handle = child.toHandle();
        assertThat(handle.supportsNormalTermination()).as("destroyForcibly is SIGKILL, not SIGTERM").isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
        assertThat(handle.isAlive()).isFalse();

        long written = lines(alerts);
        StreamEngine probe = new StreamEngine(StreamConfig.defaults(), FileReplay.open(events).parser(), a -> { },
                e -> { });
        ReplayMain.attachProfiles(probe, a -> { });
        probe.restore(checkpoint);
        assertThat(probe.offset()).as("the kill came mid-file").isBetween(1L, (long) replay.events() - 1);
        assertThat(written).isLessThan(expected.size());

        Process restart = start(events, alerts, checkpoint, 0);
        assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(restart.exitValue()).as(new String(restart.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();

        assertThat(Files.readAllLines(alerts)).isEqualTo(expected);
        assertThat(Files.readString(dir.resolve("alerts.jsonl.stats")).trim()).isEqualTo(ReplayMain.statsLine(stats));
        assertThat(expectedActions).as("the profiles decided actions").hasSizeGreaterThan(10);
        assertThat(Files.readAllLines(dir.resolve("alerts.jsonl.actions"))).isEqualTo(expectedActions);
        assertThat(Files.readAllLines(dir.resolve("alerts.jsonl.profiles"))).isEqualTo(expectedProfiles);
    }

    @Test
    void theAlertFileDropsAHalfWrittenLastLineAndAlertsItAlreadyHolds() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        Alert first = alert("sku-1", 0);
        Alert second = alert("sku-2", 3600);
        try (ReplayMain.AlertFile sink = ReplayMain.AlertFile.open(file)) {
            sink.accept(first);
        }
        Files.writeString(file, "{\"id\":\"item/1h|sku-2|", StandardOpenOption.APPEND);
        try (ReplayMain.AlertFile sink = ReplayMain.AlertFile.open(file)) {
            sink.accept(first);
            sink.accept(second);
            sink.accept(second);
        }
        assertThat(Files.readAllLines(file)).containsExactly(ReplayMain.line(first), ReplayMain.line(second));
    }

    private static Alert alert(String key, long startSecond) {
        WindowSpec spec = StreamConfig.defaults().windows().get(0);
        return new Alert(spec, key, Instant.ofEpochSecond(startSecond),
                Instant.ofEpochSecond(startSecond + 3600), Alert.Kind.SPIKE, Alert.Label.TRANSIENT,
                new Alert.Evidence(1, 40, 2.5, "(direct)", 1.0, 30, 0.0), null, "elevated for 1 window(s)");
    }

    private static Process start(Path events, Path alerts, Path checkpoint, double speed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ReplayMain.class.getName(), events.toString(), alerts.toString(), checkpoint.toString(), "5000",
                Double.toString(speed), "profiles")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(file);
        long n = 0;
        for (byte x : b) {
            n += x == '\n' ? 1 : 0;
        }
        return n;
    }
}
