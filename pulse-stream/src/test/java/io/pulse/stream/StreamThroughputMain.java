package io.pulse.stream;

import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events per second of the stream engine on a generated store: parse + watermark + dedup + noise filter +
 * windows (the six default specs) + spike guard, replayed at speed 0 through the bounded queue. Not a test:
 * timings depend on the machine. Usage: {@code StreamThroughputMain [users] [dir] [runs]}; the store
 * (365 days, default config otherwise) is generated into dir unless its events.csv is already there.
 */
public final class StreamThroughputMain {

    private StreamThroughputMain() {
    }

    /** Where the time goes: parsing alone, then the stages after parsing on events already in memory. */
    private static void stages(Path events) throws Exception {
        FileReplay replay = FileReplay.open(events);
        ArrayBlockingQueue<StreamEvent[]> queue = new ArrayBlockingQueue<>(1 << 16);
        for (int rep = 0; rep < 3; rep++) {
            queue.clear();
            long t0 = System.nanoTime();
            replay.produce(0, queue, 512);
            long t1 = System.nanoTime();
            System.out.printf("parse only: %,.0f events/s%n", replay.events() / ((t1 - t0) / 1e9));
        }
        StreamEvent[] all = queue.stream().flatMap(Arrays::stream).toArray(StreamEvent[]::new);
        StreamConfig d = StreamConfig.defaults();
        List<List<WindowSpec>> variants = List.of(List.of(),
                d.windows().subList(0, 1), d.windows().subList(1, 3), d.windows().subList(3, 6), d.windows());
        for (List<WindowSpec> specs : variants) {
            for (int rep = 0; rep < 2; rep++) {
                StreamEngine engine = new StreamEngine(d.withWindows(specs), replay.parser(), a -> { }, e -> { });
                long s0 = System.nanoTime();
                for (StreamEvent e : all) {
                    engine.accept(e);
                }
                engine.finish();
                long s1 = System.nanoTime();
                System.out.printf("after parse, windows %s: %,.0f events/s%n",
                        specs.stream().map(WindowSpec::label).toList(), all.length / ((s1 - s0) / 1e9));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/stream-bench-" + users);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.exists(dir.resolve("events.csv"))) {
            StoreGenerator.generate(GeneratorConfig.defaults().withUsers(users), dir, Progress.NONE);
        }
        stages(dir.resolve("events.csv"));
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            FileReplay replay = FileReplay.open(dir.resolve("events.csv"));
            long t1 = System.nanoTime();
            AtomicLong late = new AtomicLong();
            StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> { }, e -> late.incrementAndGet());
            StreamStats stats = engine.replay(replay, 0);
            long t2 = System.nanoTime();
            double pipeline = replay.events() / ((t2 - t1) / 1e9);
            double total = replay.events() / ((t2 - t0) / 1e9);
            System.out.printf("run %d: %,d events; load+sort %.2f s; pipeline %.2f s = %,.0f events/s; "
                            + "with load %,.0f events/s; alerts %d, windows closed %d%n",
                    run, replay.events(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, pipeline, total, stats.alerts(),
                    stats.windowsClosed());
        }
    }
}
