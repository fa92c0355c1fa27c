package io.pulse.bench.features;

import io.pulse.core.progress.Progress;
import io.pulse.generate.GenerationSummary;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.store.PulseStore;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.IngestSummary;
import io.pulse.store.ingest.Ingestor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store one size of the benchmark reads: generated and ingested once, then reused while the
 * stamp beside it names the same generator config. A hundred million events take minutes to
 * generate and to load, and only the feature builds are timed.
 *
 * @param store  the ingested DuckDB file
 * @param events events in the store
 * @param users  rows of the users table
 */
public record FeatureData(Path store, GeneratorConfig config, long events, long users, double ingestSeconds) {

    /** 67,000 users over the default year come to about ten million events. */
    static final double EVENTS_PER_USER = 10_000_000 / 67_000.0;

    private static final String GENERATED = "generated-with.txt";
    private static final String INGESTED = "ingested-with.txt";

    /** A config whose generated store holds about {@code events} events. */
    public static GeneratorConfig sized(long events) {
        return GeneratorConfig.defaults().withUsers((int) Math.round(events / EVENTS_PER_USER));
    }

    /**
     * Makes or reuses the store in {@code dir}. With {@code dropCsv} the generated CSV files are
     * deleted once loaded (a hundred million events are 7.7 GB of CSV).
     */
    public static FeatureData prepare(Path dir, GeneratorConfig config, boolean dropCsv, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        Path store = dir.resolve("pulse.duckdb");
        Path stamp = dir.resolve(INGESTED);
        String wanted = config.toString();
        if (Files.isRegularFile(store) && Files.isRegularFile(stamp)) {
            String[] lines = Files.readString(stamp).strip().split("\n");
            if (lines.length == 4 && lines[0].equals(wanted)) {
                log.printf("reusing %s (%s)%n", store, wanted);
                return new FeatureData(store, config, Long.parseLong(lines[1]), Long.parseLong(lines[2]),
                        Double.parseDouble(lines[3]));
            }
        }
        Path events = dir.resolve("events.csv");
        Path users = dir.resolve("users.csv");
        Path generated = dir.resolve(GENERATED);
        if (Files.isRegularFile(events) && Files.isRegularFile(users) && Files.isRegularFile(generated)
                && Files.readString(generated).strip().equals(wanted)) {
            log.printf("reusing %s (%s)%n", events, wanted);
        } else {
            log.printf("generating %s into %s ...%n", wanted, dir);
            long t = System.nanoTime();
            GenerationSummary s = StoreGenerator.generate(config, dir, Progress.NONE);
            Files.writeString(generated, wanted + "\n");
            log.printf("generated %,d events of %,d users in %.1f s%n", s.events(), s.users(), (System.nanoTime() - t) / 1e9);
        }
        Files.deleteIfExists(stamp);
        Files.deleteIfExists(store);
        Files.deleteIfExists(dir.resolve("pulse.duckdb.wal"));
        FeatureData data;
        try (PulseStore s = PulseStore.open(store)) {
            IngestSummary e = Ingestor.ingestEvents(s, IngestRequest.of(events, Ingestor.eventMapping("canonical")));
            IngestSummary u = Ingestor.ingestUsers(s, IngestRequest.of(users, Ingestor.userMapping("canonical")));
            if (e.rejected() != 0 || u.rejected() != 0) {
                throw new IllegalStateException("the generated files have rejected rows: " + e + ", " + u);
            }
            data = new FeatureData(store, config, s.eventCount(), s.userCount(), e.seconds());
            log.printf("ingested %,d events in %.1f s (%,.0f events/s) and %,d users%n", data.events(), e.seconds(),
                    data.events() / e.seconds(), data.users());
        }
        Files.writeString(stamp, wanted + "\n" + data.events() + "\n" + data.users() + "\n" + data.ingestSeconds() + "\n");
        if (dropCsv) {
            Files.delete(events);
            Files.delete(users);
            Files.delete(generated);
            Files.deleteIfExists(dir.resolve("truth.json"));
        }
        return data;
    }
}
