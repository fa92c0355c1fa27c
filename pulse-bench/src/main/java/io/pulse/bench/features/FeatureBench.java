package io.pulse.bench.features;

import io.pulse.generate.GeneratorConfig;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The feature-table benchmark: {@link FeatureTable#build} against the same columns in hand-written
 * DuckDB SQL ({@link PeerFeatures}), on the same store in the same process, the two sides
 * alternating which goes first. After every pair the two tables are compared value by value
 * ({@link TableDiff}); a difference stops the run.
 *
 * <pre>java -Xmx8g -cp pulse-bench.jar io.pulse.bench.features.FeatureBench [dir] [--events=10M,100M] [--rounds=5]
 *     [--cutoff=YYYY-MM-DD] [--drop-csv]</pre>
 *
 * The store of each size is generated and ingested once under {@code dir/<size>} and reused by
 * later runs; {@code --drop-csv} deletes the generated CSV files once loaded. The cutoff defaults to
 * the day of the last event, as in {@code pulse features}.
 *
 * Goal (the issue's): Pulse at most 1.0 times the peer's seconds; stretch 0.5 times.
 */
public final class FeatureBench {

    static final double GOAL = 1.0;
    static final double STRETCH = 0.5;

    private FeatureBench() {
    }

    /** Command-line settings. */
    public record Options(Path dir, List<Long> sizes, int rounds, LocalDate cutoff, boolean dropCsv) {

        public static Options parse(String[] args) {
            Path dir = Path.of("target", "bench-features");
            List<Long> sizes = List.of(10_000_000L);
            int rounds = 5;
            LocalDate cutoff = null;
            boolean dropCsv = false;
            for (String a : args) {
                String value = a.substring(a.indexOf('=') + 1);
                if (a.startsWith("--events=")) {
                    sizes = Arrays.stream(value.split(",")).map(Options::count).toList();
                } else if (a.startsWith("--rounds=")) {
                    rounds = Integer.parseInt(value);
                    if (rounds < 1) {
                        throw new IllegalArgumentException(a + ": must be at least 1");
                    }
                } else if (a.startsWith("--cutoff=")) {
                    cutoff = LocalDate.parse(value);
                } else if (a.equals("--drop-csv")) {
                    dropCsv = true;
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a
                            + " (known: --events=10M,100M, --rounds=N, --cutoff=DATE, --drop-csv)");
                } else {
                    dir = Path.of(a);
                }
            }
            return new Options(dir, sizes, rounds, cutoff, dropCsv);
        }

        /** "10M", "250k" or a plain number. */
        public static long count(String text) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            long unit = t.endsWith("M") ? 1_000_000 : t.endsWith("K") ? 1_000 : 1;
            return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
        }
    }

    /** Everything measured at one size. */
    record Size(String label, FeatureData data, LocalDate cutoff, Timings pulse, Timings peer, Timings pulseCpu,
                Timings peerCpu, List<TableDiff.Result> checks) {

        double ratio() {
            return pulse.median() / peer.median();
        }
    }

    public static void main(String[] args) throws IOException, SQLException {
        Options o = Options.parse(args);
        PrintStream out = System.out;
        String machine = machine();
        out.println("machine: " + machine);
        List<Size> sizes = new ArrayList<>();
        for (long events : o.sizes()) {
            String label = label(events);
            GeneratorConfig config = FeatureData.sized(events);
            FeatureData data = FeatureData.prepare(o.dir().resolve(label), config, o.dropCsv(), out);
            sizes.add(run(label, data, o, out));
        }
        out.println();
        out.print(FeatureReport.markdown(o, machine, sizes));
    }

    static Size run(String label, FeatureData data, Options o, PrintStream out) throws SQLException {
        Size size;
        try (PulseStore store = PulseStore.open(data.store())) {
            LocalDate cutoff = o.cutoff() != null ? o.cutoff() : FeatureTable.lastEventDay(store);
            size = new Size(label, data, cutoff, new Timings(), new Timings(), new Timings(), new Timings(),
                    new ArrayList<>());
            Connection c = store.connection();
            for (int round = 1; round <= o.rounds(); round++) {
                drop(c);
                // Odd rounds start with Pulse, even rounds with the peer.
                boolean pulseFirst = round % 2 == 1;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == pulseFirst) {
                        time(size.pulse(), size.pulseCpu(), () -> FeatureTable.build(store, cutoff));
                    } else {
                        time(size.peer(), size.peerCpu(), () -> PeerFeatures.build(c, cutoff));
                    }
                }
                TableDiff.Result check = TableDiff.compare(c, FeatureTable.TABLE, PeerFeatures.TABLE);
                size.checks().add(check);
                out.printf(Locale.ROOT, "%s round %d (%s first): Pulse %.2f s (CPU %.1f s), SQL %.2f s (CPU %.1f s),"
                                + " %,d rows x %d columns %s%n", label, round, pulseFirst ? "Pulse" : "SQL",
                        size.pulse().last(), size.pulseCpu().last(), size.peer().last(), size.peerCpu().last(),
                        check.rows(), check.columns(), check.equal() ? "equal" : "DIFFER");
                if (!check.equal()) {
                    check.problems().forEach(p -> out.println("  " + p));
                    throw new IllegalStateException("Pulse's features and the peer's differ at " + label + " (see above)");
                }
            }
            drop(c);
        }
        return size;
    }

    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    /**
     * Wall and CPU seconds of {@code work}. CPU seconds are the whole process's, DuckDB's native
     * threads included; other programs on a shared machine sway them far less than wall time.
     */
    public static void time(Timings wall, Timings cpu, Work work) throws SQLException {
        double cpuBefore = cpuSeconds();
        long before = System.nanoTime();
        work.run();
        wall.add((System.nanoTime() - before) / 1e9);
        cpu.add(cpuSeconds() - cpuBefore);
    }

    public static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + FeatureTable.TABLE);
            s.execute("DROP TABLE IF EXISTS " + PeerFeatures.TABLE);
            s.execute("CHECKPOINT");
        }
    }

    public static String label(long events) {
        return events % 1_000_000 == 0 ? events / 1_000_000 + "M"
                : events % 1_000 == 0 ? events / 1_000 + "k" : Long.toString(events);
    }

    /** Cores, CPU model, memory, Java and DuckDB versions. */
    public static String machine() throws IOException, SQLException {
        String cpu = "unknown CPU";
        String memory = "unknown";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(cpuinfo) && Files.isReadable(meminfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
            memory = Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                    .findFirst().orElse(memory);
        }
        String duckdb;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            duckdb = rs.getString(1);
        }
        return String.format(Locale.ROOT, "%d cores (%s), %s RAM, %s %s, DuckDB %s",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), duckdb);
    }
}
