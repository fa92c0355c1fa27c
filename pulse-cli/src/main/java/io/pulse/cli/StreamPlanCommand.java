package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.stream.StreamPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Sizes the stream for an event rate and a key count: a short calibration run measures the",
                "CPU per event, the heap and checkpoint bytes per key and the bytes per event on this machine,",
                "then scales them: cores, memory, checkpoint size, Kafka partitions, the rate where one",
                "machine stops being enough, and the Flink job beyond it. See docs/stream.md."},
        footer = {"", "Examples:",
                "  pulse stream plan --rate 50000 --keys 2000000",
                "  pulse stream plan --rate 50000,500000,5000000 --keys 2000000 --calibrate events.csv --json"})
final class StreamPlanCommand implements Callable<Integer> {

    /** Enough events for the JIT to settle, few enough to take seconds. */
    private static final GeneratorConfig CALIBRATION = GeneratorConfig.defaults().withUsers(12000).withDays(120);

    @Option(names = "--rate", paramLabel = "EVENTS/S", split = ",", required = true,
            description = "Target event rates per second (comma-separated for several).")
    List<Double> rates;

    @Option(names = "--keys", paramLabel = "N", required = true,
            description = "Keys with state: users, items, categories, channels and sources together.")
    long keys;

    @Option(names = "--calibrate", paramLabel = "FILE",
            description = "An events CSV to calibrate on (default: a generated store of 12,000 users over 120 days).")
    Path calibrate;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the plan as JSON to FILE; alone or with -, to standard output.")
    Path json;

    @Override
    public Integer call() throws Exception {
        for (double r : rates) {
            if (!(r > 0)) {
                throw new PulseInputException("--rate", 0, "rate", "need positive rates, got " + r);
            }
        }
        if (keys < 1) {
            throw new PulseInputException("--keys", 0, "keys", "need at least one key, got " + keys);
        }
        PrintStream out = Json.humanOut(json);
        StreamPlan plan;
        if (calibrate != null) {
            if (!Files.isRegularFile(calibrate)) {
                throw new PulseInputException(calibrate.toString(), "no such file");
            }
            plan = StreamPlan.calibrate(calibrate);
        } else {
            Path dir = Files.createTempDirectory("pulse-plan");
            try {
                out.println("Calibrating on a generated store (" + CALIBRATION.users() + " users, " + CALIBRATION.days()
                        + " days) ...");
                StoreGenerator.generate(CALIBRATION, dir, Progress.NONE);
                plan = StreamPlan.calibrate(dir.resolve("events.csv"));
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        print(plan, out);
        if (json != null) {
            Json.write(json, toJson(plan));
        }
        return 0;
    }

    void print(StreamPlan p, PrintStream out) {
        out.println(String.format(Locale.ROOT, "Calibration: %s events, %s keys on %d cores: %.0f ns per event on the"
                + " pipeline thread (%.0f ns of the whole process), %.0f heap bytes and %.0f checkpoint bytes per key,"
                + " %.0f bytes per event", Table.count(p.calibrationEvents()), Table.count(p.calibrationKeys()), p.cores(),
                p.cpuNanosPerEvent(), p.processCpuNanosPerEvent(), p.heapBytesPerKey(), p.checkpointBytesPerKey(),
                p.eventBytes()));
        Table t = new Table("Plan for " + Table.count(keys) + " keys", "events/s", "pipeline thread", "cores", "heap",
                "checkpoint", "Kafka partitions", "one machine?", "Flink slots");
        for (double r : rates) {
            StreamPlan.Estimate e = p.estimate(r, keys);
            t.row(Table.count(Math.round(r)), Table.percent(e.pipelineBusy()),
                    String.format(Locale.ROOT, "%.2f", e.inProcessCores()), megabytes(e.inProcessHeapBytes()),
                    megabytes(e.checkpointBytes()), e.kafkaPartitions(), e.oneMachine() ? "yes" : "no: " + e.limit(),
                    e.flinkSlots() + " × " + megabytes(e.flinkHeapBytesPerSlot()));
        }
        out.print(t.render());
        out.println(String.format(Locale.ROOT, "  One machine carries up to %s events/s (the pipeline thread or the cores"
                + " at %.0f%%)."
                + " Flink slots at %.0f× the in-process cost per event, as measured for pulse-flink on a MiniCluster here.",
                Table.count(Math.round(p.estimate(1, keys).maxRateOneMachine())), 100 * StreamPlan.TARGET_UTILISATION,
                StreamPlan.FLINK_OVERHEAD));
    }

    Map<String, Object> toJson(StreamPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("events", p.calibrationEvents());
        c.put("keys", p.calibrationKeys());
        c.put("pipeline_cpu_ns_per_event", p.cpuNanosPerEvent());
        c.put("process_cpu_ns_per_event", p.processCpuNanosPerEvent());
        c.put("heap_bytes_per_key", p.heapBytesPerKey());
        c.put("checkpoint_bytes_per_key", p.checkpointBytesPerKey());
        c.put("bytes_per_event", p.eventBytes());
        c.put("cores", p.cores());
        m.put("calibration", c);
        m.put("keys", keys);
        m.put("estimates", rates.stream().map(r -> {
            StreamPlan.Estimate e = p.estimate(r, keys);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rate", r);
            x.put("pipeline_busy", e.pipelineBusy());
            x.put("cores", e.inProcessCores());
            x.put("heap_bytes", e.inProcessHeapBytes());
            x.put("checkpoint_bytes", e.checkpointBytes());
            x.put("kafka_partitions", e.kafkaPartitions());
            x.put("one_machine", e.oneMachine());
            x.put("limit", e.limit());
            x.put("flink_slots", e.flinkSlots());
            x.put("flink_heap_bytes_per_slot", e.flinkHeapBytesPerSlot());
            return x;
        }).toList());
        m.put("max_rate_one_machine", p.estimate(1, keys).maxRateOneMachine());
        m.put("flink_overhead", StreamPlan.FLINK_OVERHEAD);
        return m;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1048576.0);
    }
}
