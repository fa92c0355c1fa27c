package io.pulse.bench.thresholds;

import io.pulse.bench.features.FeatureBench;
import io.pulse.bench.features.FeatureData;
import io.pulse.bench.features.TableDiff;
import io.pulse.bench.features.Timings;
import io.pulse.store.PulseStore;
import io.pulse.store.thresholds.ThresholdRun;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Personal dormancy thresholds: {@code ThresholdRun.run(store, Options.defaults())}, what
 * {@code pulse thresholds} runs, against the same table in hand-written DuckDB SQL
 * ({@link PeerThresholds}), on the same store in the same process, the two sides alternating which
 * goes first. After every pair {@link TableDiff} compares the two tables value by value (the reason
 * text included); a difference stops the run.
 *
 * <pre>java -Xmx8g -cp pulse-bench.jar io.pulse.bench.thresholds.ThresholdBench [dir] [--events=100M] [--rounds=5]</pre>
 *
 * The store of each size is {@code dir/<size>/pulse.duckdb}, generated and ingested as by
 * {@code FeatureBench} when missing (a copy of FeatureBench's store with its {@code ingested-with.txt}
 * is reused as is). Goal (the issue's): Pulse at most 1.0 times the peer's seconds.
 */
public final class ThresholdBench {

    static final double GOAL = 1.0;

    private ThresholdBench() {
    }

    record Run(String label, FeatureData data, LocalDate cutoff, Timings pulse, Timings peer, Timings pulseCpu,
               Timings peerCpu, List<TableDiff.Result> checks) {

        double ratio() {
            return pulse.median() / peer.median();
        }
    }

    public static void main(String[] args) throws IOException, SQLException {
        List<String> rest = new ArrayList<>();
        String dir = "target/bench-thresholds";
        for (String a : args) {
            if (a.startsWith("--")) {
                rest.add(a);
            } else {
                dir = a;
            }
        }
        rest.add(0, dir);
        FeatureBench.Options o = FeatureBench.Options.parse(rest.toArray(String[]::new));
        if (o.cutoff() != null) {
            throw new IllegalArgumentException("--cutoff: the benchmark runs the defaults, at the last event's day");
        }
        PrintStream out = System.out;
        String machine = FeatureBench.machine();
        out.println("machine: " + machine);
        List<Run> runs = new ArrayList<>();
        for (long events : o.sizes()) {
            String label = FeatureBench.label(events);
            FeatureData data = FeatureData.prepare(o.dir().resolve(label), FeatureData.sized(events), o.dropCsv(), out);
            runs.add(run(label, data, o.rounds(), out));
        }
        out.println();
        out.print(markdown(machine, o.rounds(), runs));
    }

    static Run run(String label, FeatureData data, int rounds, PrintStream out) throws SQLException {
        ThresholdRun.Options options = ThresholdRun.Options.defaults();
        try (PulseStore store = PulseStore.open(data.store())) {
            Connection c = store.connection();
            Run run = new Run(label, data, null, new Timings(), new Timings(), new Timings(), new Timings(),
                    new ArrayList<>());
            LocalDate cutoff = null;
            for (int round = 1; round <= rounds; round++) {
                drop(c);
                boolean pulseFirst = round % 2 == 1;
                ThresholdRun.Result[] result = new ThresholdRun.Result[1];
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == pulseFirst) {
                        FeatureBench.time(run.pulse(), run.pulseCpu(), () -> result[0] = ThresholdRun.run(store, options));
                    } else {
                        FeatureBench.time(run.peer(), run.peerCpu(), () -> PeerThresholds.build(c, options.quantile()));
                    }
                }
                cutoff = result[0].cutoff();
                TableDiff.Result check = TableDiff.compare(c, "thresholds", PeerThresholds.TABLE);
                run.checks().add(check);
                out.printf(Locale.ROOT, "%s round %d (%s first): Pulse %.2f s (CPU %.1f s), SQL %.2f s (CPU %.1f s),"
                                + " %,d users x %d columns %s%n", label, round, pulseFirst ? "Pulse" : "SQL",
                        run.pulse().last(), run.pulseCpu().last(), run.peer().last(), run.peerCpu().last(),
                        check.rows(), check.columns(), check.equal() ? "equal" : "DIFFER");
                if (!check.equal()) {
                    check.problems().forEach(p -> out.println("  " + p));
                    throw new IllegalStateException("Pulse's thresholds and the peer's differ at " + label + " (see above)");
                }
            }
            drop(c);
            return new Run(label, data, cutoff, run.pulse(), run.peer(), run.pulseCpu(), run.peerCpu(), run.checks());
        }
    }

    private static void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS thresholds");
            s.execute("DROP TABLE IF EXISTS " + PeerThresholds.TABLE);
            s.execute("CHECKPOINT");
        }
    }

    static String markdown(String machine, int rounds, List<Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append("## Personal thresholds benchmark, ").append(LocalDate.now()).append("\n\n");
        b.append("- machine: ").append(machine).append('\n');
        b.append(String.format(Locale.ROOT, "- %d pairs per size, sides alternating which goes first; median"
                + " (min–max) wall seconds, median CPU seconds of the whole process%n", rounds));
        b.append(String.format(Locale.ROOT, "- goal: Pulse at most %.1f× the peer's time%n%n", GOAL));
        b.append("| events | users | cutoff | Pulse `ThresholdRun.run` | peer: hand-written DuckDB SQL |"
                + " Pulse vs peer (wall) | goal ≤ 1.0× met | Pulse vs peer (CPU) | tables equal |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Run r : runs) {
            long equal = r.checks().stream().filter(TableDiff.Result::equal).count();
            b.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %s, CPU %.1f s | %s, CPU %.1f s |"
                            + " **%.2f×** (per pair: %s) | %s | %.2f× | %d of %d pairs, %d columns |%n",
                    r.data().events(), r.checks().get(0).rows(), r.cutoff(), r.pulse().spread(),
                    r.pulseCpu().median(), r.peer().spread(), r.peerCpu().median(), r.ratio(),
                    Timings.paired(r.pulse(), r.peer()), r.ratio() <= GOAL ? "yes" : "**no**",
                    r.pulseCpu().median() / r.peerCpu().median(), equal, r.checks().size(),
                    r.checks().get(0).columns()));
        }
        b.append('\n');
        for (Run r : runs) {
            b.append(String.format(Locale.ROOT, "%s (%,d events, %,d users rows):%n", r.label(), r.data().events(),
                    r.data().users()));
            b.append("- Pulse, seconds in run order: ").append(r.pulse().list()).append('\n');
            b.append("- peer, seconds in run order: ").append(r.peer().list()).append('\n');
            b.append("- CPU seconds, Pulse: ").append(r.pulseCpu().list()).append('\n');
            b.append("- CPU seconds, peer: ").append(r.peerCpu().list()).append("\n\n");
        }
        return b.toString();
    }
}
