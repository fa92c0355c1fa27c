package io.pulse.flink;

import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.stream.Alert;
import io.pulse.stream.EventParser;
import io.pulse.stream.ReplayMain;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamStats;
import io.pulse.stream.kafka.CsvPublisher;
import io.pulse.stream.kafka.KafkaEventSource;
import io.pulse.stream.profile.ProfileJson;
import io.pulse.stream.profile.ProfileSettings;
import io.pulse.stream.profile.TriggerHit;
import io.pulse.stream.profile.UserProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The two sides of a comparison: the in-process engine over lines, and the Flink job over the same lines in Kafka. */
final class Runs {

    private Runs() {
    }

    /**
     * The in-process run: its alerts as JSON lines (the alert file's), its stats, its wall time and, when it
     * kept profiles, its final profiles ({@code ProfileJson} lines) and fired triggers ({@code UserStage}'s
     * trigger lines), else empty lists.
     */
    record InProcess(List<String> alerts, StreamStats stats, long nanos, List<String> profiles,
                     List<String> triggers) {
    }

    /** The Flink run: the alerts topic's lines, the job's counters, and its wall time. */
    record OnFlink(List<String> alerts, Map<String, Object> counters, long nanos) {

        long count(String name) {
            Object v = counters.get(name);
            return v == null ? 0 : ((Number) v).longValue();
        }
    }

    /**
     * A generated store's event lines in the order a {@code FileReplay} replays them: by second, file order
     * within one (a stable sort).
     */
    static List<String> generatedInTimeOrder(GeneratorConfig config, Path dir) throws IOException {
        if (!Files.exists(dir.resolve("events.csv"))) {
            StoreGenerator.generate(config, dir, Progress.NONE);
        }
        List<String> lines = Files.readAllLines(dir.resolve("events.csv"));
        if (!lines.get(0).equals(KafkaEventSource.CSV_HEADER)) {
            throw new IllegalStateException("generated header is not the canonical one: " + lines.get(0));
        }
        List<String> body = lines.subList(1, lines.size());
        EventParser parser = new EventParser(KafkaEventSource.CSV_HEADER, "generated");
        long[] seconds = new long[body.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = Math.floorDiv(parser.parse(body.get(i), i + 2).ts(), 1000L);
        }
        return IntStream.range(0, body.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> seconds[i]))
                .map(body::get).toList();
    }

    /** {@code line} with a new event id and its time moved by {@code shift}. */
    static String moved(String line, String eventId, Duration shift) {
        String[] f = line.split(",", -1);
        EventParser parser = new EventParser(KafkaEventSource.CSV_HEADER, "moved");
        f[0] = eventId;
        f[2] = Instant.ofEpochMilli(parser.parse(line, 1).ts()).plus(shift).toString();
        return String.join(",", f);
    }

    static InProcess inProcess(List<String> lines, StreamConfig config) {
        return inProcess(lines, config, null);
    }

    /** As {@link #inProcess(List, StreamConfig)}, keeping online profiles with {@code profiles} unless null. */
    static InProcess inProcess(List<String> lines, StreamConfig config, ProfileSettings profiles) {
        long t0 = System.nanoTime();
        EventParser parser = new EventParser(KafkaEventSource.CSV_HEADER, "lines");
        List<Alert> alerts = new ArrayList<>();
        StreamEngine engine = new StreamEngine(config, parser, alerts::add, late -> { });
        List<TriggerHit> hits = new ArrayList<>();
        if (profiles != null) {
            engine.profiles(new UserProfiles(profiles, hits::add), null);
        }
        long n = 0;
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            engine.accept(parser.parse(b, 0, b.length, ++n));
        }
        engine.finish();
        long nanos = System.nanoTime() - t0;
        List<String> profileLines = new ArrayList<>();
        if (profiles != null) {
            engine.profiles().forEach(parser.users(), p -> profileLines.add(ProfileJson.line(p)));
        }
        List<String> triggers = hits.stream().map(h -> UserStage.triggerLine(h, parser.users())).toList();
        return new InProcess(alerts.stream().map(ReplayMain::line).toList(), engine.stats(), nanos, profileLines,
                triggers);
    }

    /** Runs the job over the whole events topic (bounded), then reads every line of the alerts topic. */
    static OnFlink onFlink(StreamExecutionEnvironment env, PulseFlinkJob.Options o, StreamConfig config)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // The item windows' state passes the JobManager storage's 5 MB limit at some checkpoints.
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Path.of("target", "checkpoints").toAbsolutePath().toUri().toString());
        env.configure(conf);
        long t0 = System.nanoTime();
        JobExecutionResult result = PulseFlinkJob.build(env, o, config).execute("pulse-flink test");
        long nanos = System.nanoTime() - t0;
        Map<String, Object> counters = result.getAllAccumulatorResults();
        long expected = ((Number) counters.getOrDefault(PulseFlinkJob.ALERTS, 0L)).longValue();
        List<String> alerts = readAtLeast(o.bootstrap(), o.alertsTopic(), expected);
        return new OnFlink(alerts, counters, nanos);
    }

    /** Every line of {@code topic}, read from the start until at least {@code n} have come (30 s at most). */
    static List<String> readAtLeast(String bootstrap, String topic, long n) {
        List<String> lines = new ArrayList<>();
        try (KafkaEventSource source = KafkaEventSource.open(bootstrap, topic, null)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lines.size() < n && System.nanoTime() < deadline) {
                for (byte[] v : source.poll(Duration.ofMillis(200))) {
                    lines.add(new String(v, StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    static void publish(String bootstrap, String topic, int partitions, List<String> lines) {
        CsvPublisher.createTopic(bootstrap, topic, partitions);
        CsvPublisher.publish(bootstrap, topic, lines);
    }
}
