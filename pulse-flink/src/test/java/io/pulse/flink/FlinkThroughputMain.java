package io.pulse.flink;

import io.pulse.generate.GeneratorConfig;
import io.pulse.stream.StreamConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Events per second of the Flink job on a local MiniCluster reading a generated store from an embedded
 * Kafka broker, against the in-process engine over the same lines. Not a test: timings depend on the machine.
 * Usage: {@code FlinkThroughputMain [users] [dir] [parallelism] [runs]}; the store (365 days, default config
 * otherwise) is generated into dir unless its events.csv is already there. The Flink time is the whole job:
 * submission, start, reading every record from Kafka, writing the alerts.
 */
public final class FlinkThroughputMain {

    private FlinkThroughputMain() {
    }

    private static Set<String> ids(List<String> alertLines) {
        Set<String> ids = new TreeSet<>();
        for (String l : alertLines) {
            int from = l.indexOf(":\"") + 2;
            ids.add(l.substring(from, l.indexOf('"', from)));
        }
        return ids;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/flink-bench-" + users);
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<String> lines = Runs.generatedInTimeOrder(GeneratorConfig.defaults().withUsers(users), dir);
        StreamConfig config = StreamConfig.defaults();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            long p0 = System.nanoTime();
            Runs.publish(kafka.bootstrapServers(), "events", parallelism, lines);
            System.out.printf("published %,d lines to %d partitions in %.1f s%n", lines.size(), parallelism,
                    (System.nanoTime() - p0) / 1e9);
            for (int run = 1; run <= runs; run++) {
                Runs.InProcess peer = Runs.inProcess(lines, config);
                System.out.printf("run %d in-process (parse + engine, one thread): %,d events in %.2f s = %,.0f events/s, "
                        + "%d alerts%n", run, lines.size(), peer.nanos() / 1e9, lines.size() / (peer.nanos() / 1e9),
                        peer.alerts().size());
                StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
                Runs.OnFlink flink = Runs.onFlink(env, new PulseFlinkJob.Options(kafka.bootstrapServers(), "events",
                        "alerts-" + run, null, null, "bench-" + run, parallelism, 0, true, null), config);
                System.out.printf("run %d Flink (parallelism %d, from Kafka): %,d events in %.2f s = %,.0f events/s, "
                        + "%d alerts emitted, %d read from the topic%n", run, parallelism, flink.count(PulseFlinkJob.EVENTS_IN), flink.nanos() / 1e9,
                        flink.count(PulseFlinkJob.EVENTS_IN) / (flink.nanos() / 1e9), flink.count(PulseFlinkJob.ALERTS),
                        flink.alerts().size());
                System.out.println("run " + run + " Flink counters: " + flink.counters());
                Set<String> inProcess = ids(peer.alerts());
                Set<String> onFlink = ids(flink.alerts());
                System.out.println("run " + run + " alert ids only in process: " + minus(inProcess, onFlink));
                System.out.println("run " + run + " alert ids only on Flink: " + minus(onFlink, inProcess));
            }
        }
    }
}
