package io.pulse.flink;

import io.pulse.core.thresholds.GapPrior;
import io.pulse.stream.Dimension;
import io.pulse.stream.StreamConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The pulse-stream pipeline as a Flink DataStream job:
 *
 * <pre>
 * Kafka events (CSV lines) ─► late filter (per partition) ─► by user: dedup, noise filter ─┬► by item:     windows + guards ─┐
 *   watermarks per partition    └─► late (side output)       profiles ─► Kafka profiles    ├► by category: windows + guards ─┼─► Kafka alerts (JSON lines)
 *                                                                                          ├► by channel:  windows + guards ─┤
 *                                                                                          └► by source:   windows + guards ─┘
 * </pre>
 *
 * Usage (with {@code flink run -c io.pulse.flink.PulseFlinkJob pulse-flink-…-job.jar}):
 * {@code --bootstrap HOST:PORT --events TOPIC --alerts TOPIC [--late TOPIC] [--profiles TOPIC]
 * [--prior MU0,TAU0SQ,SIGMASQ] [--group ID] [--parallelism N] [--checkpoint-ms N] [--bounded]}. With
 * {@code --bounded} the job reads the events topic up to its end offsets at start and stops (replays,
 * tests); otherwise it runs until cancelled.
 * {@code --prior} fixes the gap prior of the dormancy thresholds; without it each user subtask refits its own
 * from its users, which equals the in-process engine's only at parallelism 1. The engine's settings are
 * {@link StreamConfig#defaults()}, the profiles' {@code ProfileSettings.defaults()}.
 */
public final class PulseFlinkJob {

    static final String EVENTS_IN = "events_in";
    static final String LATE = "late";
    static final String REJECTED = "rejected";
    static final String DUPLICATES = "duplicates";
    static final String ACCEPTED = "accepted";
    static final String FILTERED = "filtered.";
    static final String ALERTS = "alerts";
    static final String TRIGGERS = "triggers";
    static final String PROFILES = "profiles";

    /**
     * Where the job reads and writes, and how it runs.
     *
     * @param lateTopic     late events (their CSV lines), or null to only count them
     * @param profilesTopic fired triggers and, at the end of a bounded input, final profiles (JSON lines), or null
     * @param checkpointMs  checkpoint interval, 0 for none
     * @param bounded       read the events topic up to its end offsets at start, then finish
     * @param prior         the fixed gap prior of every subtask's profiles, or null for each to fit its own
     */
    public record Options(String bootstrap, String eventsTopic, String alertsTopic, String lateTopic,
                          String profilesTopic, String groupId, int parallelism, long checkpointMs, boolean bounded,
                          GapPrior prior) {

        public static Options parse(String[] args) {
            Map<String, String> a = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                a.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
            for (String required : List.of("bootstrap", "events", "alerts")) {
                if (!a.containsKey(required)) {
                    throw new IllegalArgumentException("missing --" + required + "\n" + USAGE);
                }
            }
            return new Options(a.get("bootstrap"), a.get("events"), a.get("alerts"), a.get("late"), a.get("profiles"),
                    a.getOrDefault("group", "pulse-flink"), Integer.parseInt(a.getOrDefault("parallelism", "1")),
                    Long.parseLong(a.getOrDefault("checkpoint-ms", "60000")), a.containsKey("bounded"),
                    a.containsKey("prior") ? prior(a.get("prior")) : null);
        }

        private static GapPrior prior(String arg) {
            String[] f = arg.split(",");
            if (f.length != 3) {
                throw new IllegalArgumentException("--prior needs MU0,TAU0SQ,SIGMASQ, got " + arg);
            }
            return new GapPrior(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), 0);
        }
    }

    static final String USAGE = "usage: PulseFlinkJob --bootstrap HOST:PORT --events TOPIC --alerts TOPIC "
            + "[--late TOPIC] [--profiles TOPIC] [--prior MU0,TAU0SQ,SIGMASQ] [--group ID] [--parallelism N] "
            + "[--checkpoint-ms N] [--bounded]";

    private PulseFlinkJob() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobExecutionResult result = build(env, o, StreamConfig.defaults()).execute("pulse-stream on Flink");
        if (o.bounded()) {
            System.out.println(result.getAllAccumulatorResults());
        }
    }

    /** Adds the job to {@code env} (parallelism and checkpoints set from {@code o}) and returns env. */
    public static StreamExecutionEnvironment build(StreamExecutionEnvironment env, Options o, StreamConfig config) {
        env.setParallelism(o.parallelism());
        if (o.checkpointMs() > 0) {
            env.enableCheckpointing(o.checkpointMs());
        }
        var source = KafkaSource.<Line>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(o.eventsTopic())
                .setGroupId(o.groupId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new CsvLineDeserializer());
        if (o.bounded()) {
            source.setBounded(OffsetsInitializer.latest());
        }
        WatermarkStrategy<Line> watermarks = WatermarkStrategy.<Line>forBoundedOutOfOrderness(config.maxOutOfOrder())
                .withTimestampAssigner((line, previous) -> line.ts());
        SingleOutputStreamOperator<Line> onTime = env.fromSource(source.build(), watermarks, "kafka events")
                .transform("late filter", TypeInformation.of(Line.class),
                        new LateFilter(config.maxOutOfOrder().toMillis(), config.allowedLateness().toMillis()));
        SingleOutputStreamOperator<Routed> accepted = onTime
                .partitionCustom((Integer key, int n) -> Math.floorMod(key, n), PulseFlinkJob::userHash)
                .union(onTime.getSideOutput(LateFilter.LAST).broadcast())
                .transform("dedup, noise filter, profiles (by user)", TypeInformation.of(Routed.class),
                        new UserStage(config, o.prior()));
        DataStream<Routed> markers = onTime.getSideOutput(LateFilter.FIRST)
                .union(accepted.getSideOutput(UserStage.MARKERS)).broadcast();
        List<DataStream<String>> alerts = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (WindowStage.specs(config, d).isEmpty()) {
                continue;
            }
            int k = d.ordinal();
            alerts.add(accepted.filter(r -> r.keys()[k] != Routed.ABSENT)
                    .partitionCustom((Integer key, int n) -> Math.floorMod(key, n), r -> r.keys()[k])
                    .union(markers)
                    .transform("windows + spike guard by " + d.label(), TypeInformation.of(String.class),
                            new WindowStage(config, d)));
        }
        DataStream<String> all = alerts.get(0);
        for (DataStream<String> more : alerts.subList(1, alerts.size())) {
            all = all.union(more);
        }
        all.sinkTo(sink(o.bootstrap(), o.alertsTopic())).name("kafka alerts");
        if (o.lateTopic() != null) {
            onTime.getSideOutput(LateFilter.LATE)
                    .map(l -> new String(l.value(), StandardCharsets.UTF_8)).returns(String.class)
                    .sinkTo(sink(o.bootstrap(), o.lateTopic())).name("kafka late events");
        }
        if (o.profilesTopic() != null) {
            accepted.getSideOutput(UserStage.PROFILE_UPDATES).sinkTo(sink(o.bootstrap(), o.profilesTopic()))
                    .name("kafka profiles");
        }
        return env;
    }

    /** Hash of the line's {@code user_id} (second field), the routing key of the user stage. */
    static int userHash(Line line) {
        byte[] b = line.value();
        int i = 0;
        while (i < b.length && b[i] != ',') {
            i++;
        }
        int h = 0;
        for (i++; i < b.length && b[i] != ','; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    /** At-least-once: alerts carry their id, so a consumer drops the repeats a restart replays. */
    private static KafkaSink<String> sink(String bootstrap, String topic) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                        .setTopic(topic)
                        .setValueSerializationSchema(new SimpleStringSchema())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
