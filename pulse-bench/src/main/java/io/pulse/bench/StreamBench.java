package io.pulse.bench;

import io.pulse.core.actions.ActionSpec;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.Rule;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;
import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.stream.FileReplay;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamEvent;
import io.pulse.stream.StreamPlan;
import io.pulse.stream.StreamStats;
import io.pulse.stream.profile.ProfileSettings;
import io.pulse.stream.profile.StreamActions;
import io.pulse.stream.profile.UserProfiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 8's in-process figures on a generated store ({@code pulse generate} defaults unless {@code --users}):
 * <ol>
 *   <li><b>throughput</b>: whole replays at full speed (read, sort, parse on the replay thread; watermark,
 *       dedup, noise filter, the five default windows, spike guard, and then online profiles, then profiles
 *       with the actions of three rules, on the pipeline thread), medians of {@code --rounds};</li>
 *   <li><b>alert latency at a fixed offered rate</b>: a producer thread offers the parsed events in batches
 *       of 100 on a fixed wall-clock schedule ({@code --rates}, default 100k events/s) through the engine's
 *       bounded queue; an alert's latency is the time from the offer of the batch holding the event whose
 *       watermark closed its window to the alert reaching its sink; every batch's latency (offer to done) is
 *       quoted too;</li>
 *   <li><b>plan estimate vs measured</b>: {@link StreamPlan#calibrate} on the same file, its estimate of the
 *       pipeline thread's busy share, the process's cores and the checkpoint bytes at each offered rate,
 *       beside what the paced run measured.</li>
 * </ol>
 * Usage: {@code StreamBench [dir] --users=20000 --rounds=5 --rates=100000,300000 --seconds=20}.
 */
public final class StreamBench {

    private static final int BATCH = 100;
    private static final RuleSet RULES = new RuleSet("bench", List.of(
            new Rule("dormant-coupon", Rule.ANY_SEGMENT, Trigger.DORMANCY, new ActionSpec.Coupon(10, 14), 0.1),
            new Rule("cart-reminder", Rule.ANY_SEGMENT, Trigger.CART_ABANDONMENT, new ActionSpec.Recommendation(3), 0.1),
            new Rule("surge-nudge", Rule.ANY_SEGMENT, Trigger.BROWSE_SURGE, new ActionSpec.WinBack("come-back"), 0.1)),
            Caps.DEFAULTS);

    private StreamBench() {
    }

    enum Variant { WINDOWS, PROFILES, PROFILES_AND_ACTIONS }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target/bench-stream");
        int users = 20_000;
        int rounds = 5;
        double seconds = 20;
        double[] rates = {100_000, 300_000};
        for (String a : args) {
            if (a.startsWith("--users=")) {
                users = Samples.positive("--users", a.substring(8));
            } else if (a.startsWith("--rounds=")) {
                rounds = Samples.positive("--rounds", a.substring(9));
            } else if (a.startsWith("--seconds=")) {
                seconds = Double.parseDouble(a.substring(10));
            } else if (a.startsWith("--rates=")) {
                rates = Arrays.stream(a.substring(8).split(",")).mapToDouble(Double::parseDouble).toArray();
            } else if (!a.startsWith("--")) {
                dir = Path.of(a);
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        Path events = dir.resolve(users + "/events.csv");
        if (!Files.exists(events)) {
            StoreGenerator.generate(GeneratorConfig.defaults().withUsers(users), events.getParent(), Progress.NONE);
        }
        System.out.println("## Stream engine, " + Machine.current().describe());
        System.out.printf(Locale.ROOT, "store: %s (%,d bytes)%n%n", events, Files.size(events));
        throughput(events, rounds);
        StreamPlan plan = StreamPlan.calibrate(events);
        System.out.printf(Locale.ROOT, "%nplan calibration: %.0f ns/event on the pipeline thread, %.0f ns/event in the"
                        + " process, %.0f heap bytes and %.0f checkpoint bytes per key, %d keys%n",
                plan.cpuNanosPerEvent(), plan.processCpuNanosPerEvent(), plan.heapBytesPerKey(),
                plan.checkpointBytesPerKey(), plan.calibrationKeys());
        System.out.println();
        System.out.println("| offered rate | events | achieved rate | alert latency p50 / p99 / max (ms) | alerts"
                + " | batch latency p50 / p99 (ms) | pipeline busy est. / measured | process cores est. / measured"
                + "| checkpoint est. / measured (MB) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (double rate : rates) {
            paced(events, rate, seconds, plan);
        }
    }

    private static StreamEngine engine(FileReplay replay, Variant v) {
        StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> { }, e -> { });
        if (v != Variant.WINDOWS) {
            StreamActions actions = v == Variant.PROFILES_AND_ACTIONS
                    ? new StreamActions(RULES, replay.parser().users(), u -> new String[0], a -> { }) : null;
            engine.profiles(new UserProfiles(ProfileSettings.defaults(), actions == null ? h -> { } : actions), actions);
        }
        return engine;
    }

    private static void throughput(Path events, int rounds) throws Exception {
        for (int warm = 0; warm < 2; warm++) {
            for (Variant v : Variant.values()) {
                FileReplay r = FileReplay.open(events);
                engine(r, v).replay(r, 0);
            }
        }
        FileReplay counted = FileReplay.open(events);
        StreamEngine counting = engine(counted, Variant.PROFILES_AND_ACTIONS);
        counting.replay(counted, 0);
        UserProfiles profiles = counting.profiles();
        System.out.printf(Locale.ROOT, "triggers fired: dormancy %,d, cart abandonment %,d, browse surge %,d%n%n",
                profiles.fired(Trigger.DORMANCY), profiles.fired(Trigger.CART_ABANDONMENT),
                profiles.fired(Trigger.BROWSE_SURGE));
        System.out.println("| pipeline | events | median events/s (pipeline) | min–max | median with read + sort"
                + " | events per CPU-second of the pipeline thread |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Variant v : Variant.values()) {
            double[] pipeline = new double[rounds];
            double[] whole = new double[rounds];
            double[] perCpu = new double[rounds];
            long n = 0;
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                FileReplay replay = FileReplay.open(events);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                StreamStats s = engine(replay, v).replay(replay, 0);
                long c2 = threads.getCurrentThreadCpuTime();
                long t2 = System.nanoTime();
                n = s.eventsIn();
                pipeline[i] = n / ((t2 - t1) / 1e9);
                whole[i] = n / ((t2 - t0) / 1e9);
                perCpu[i] = n / ((c2 - c1) / 1e9);
            }
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f–%,.0f | %,.0f | %,.0f |%n", label(v), n,
                    Samples.median(pipeline), Arrays.stream(pipeline).min().orElseThrow(),
                    Arrays.stream(pipeline).max().orElseThrow(), Samples.median(whole), Samples.median(perCpu));
        }
    }

    private static String label(Variant v) {
        return switch (v) {
            case WINDOWS -> "parse, dedup, noise, 5 windows, guard";
            case PROFILES -> "… + online profiles";
            case PROFILES_AND_ACTIONS -> "… + profiles + actions (3 rules)";
        };
    }

    private record Batch(long offeredAt, StreamEvent[] events) {
    }

    private static final Batch END = new Batch(0, new StreamEvent[0]);

    /** One paced run at {@code rate} events/s for at most {@code seconds}, the full pipeline with actions. */
    private static void paced(Path events, double rate, double seconds, StreamPlan plan) throws Exception {
        FileReplay replay = FileReplay.open(events);
        ArrayBlockingQueue<StreamEvent[]> parsed = new ArrayBlockingQueue<>(1 << 20);
        replay.produce(0, parsed, BATCH);
        List<StreamEvent[]> batches = new ArrayList<>(parsed);
        int limit = (int) Math.min(batches.size(), Math.ceil(rate * seconds / BATCH));
        long[] current = new long[1];
        List<Long> alertNanos = new ArrayList<>();
        StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(),
                a -> alertNanos.add(System.nanoTime() - current[0]), e -> { });
        StreamActions actions = new StreamActions(RULES, replay.parser().users(), u -> new String[0], a -> { });
        engine.profiles(new UserProfiles(ProfileSettings.defaults(), actions), actions);
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(StreamConfig.defaults().queueBatches());
        long period = (long) (BATCH * 1e9 / rate);
        Thread producer = new Thread(() -> {
            long start = System.nanoTime();
            try {
                for (int i = 0; i < limit; i++) {
                    long due = start + i * period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    queue.put(new Batch(System.nanoTime(), batches.get(i)));
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-producer");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = (long) (Machine.processCpuSeconds() * 1e9);
        long thread0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        producer.start();
        long[] batchNanos = new long[limit];
        int done = 0;
        long eventsIn = 0;
        for (Batch b = queue.take(); b != END; b = queue.take()) {
            current[0] = b.offeredAt();
            for (StreamEvent e : b.events()) {
                engine.accept(e);
            }
            eventsIn += b.events().length;
            batchNanos[done++] = System.nanoTime() - b.offeredAt();
        }
        long wall = System.nanoTime() - t0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        long cpu = (long) (Machine.processCpuSeconds() * 1e9) - cpu0;
        producer.join();
        Path ckpt = Files.createTempFile("bench", ".ckpt");
        engine.checkpoint(ckpt);
        long ckptBytes = Files.size(ckpt);
        Files.delete(ckpt);
        var p = replay.parser();
        long keys = (long) p.items().size() + p.categories().size() + p.channels().size() + p.sources().size()
                + p.users().size();
        StreamPlan.Estimate est = plan.estimate(rate, keys);
        double[] alerts = alertNanos.stream().mapToDouble(x -> x / 1e6).sorted().toArray();
        double[] batchMs = Arrays.stream(batchNanos, 0, done).mapToDouble(x -> x / 1e6).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %,.0f/s | %,d | %,.0f/s | %s | %,d | %.3f / %.3f | %.0f%% / %.0f%% | %.2f / %.2f"
                        + " | %.1f / %.1f |%n",
                rate, eventsIn, eventsIn / (wall / 1e9),
                alerts.length == 0 ? "–" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", pct(alerts, 0.5),
                        pct(alerts, 0.99), alerts[alerts.length - 1]),
                alerts.length, pct(batchMs, 0.5), pct(batchMs, 0.99), 100 * est.pipelineBusy(), 100.0 * thread / wall,
                est.inProcessCores(), (double) cpu / wall, est.checkpointBytes() / 1e6, ckptBytes / 1e6);
    }

    private static double pct(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
