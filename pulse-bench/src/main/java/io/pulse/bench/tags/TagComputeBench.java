package io.pulse.bench.tags;

import io.pulse.bench.Samples;
import io.pulse.bench.features.FeatureBench;
import io.pulse.bench.features.Timings;
import io.pulse.store.PulseStore;
import io.pulse.store.tags.TagDefinition;
import io.pulse.store.tags.TagDefinitions;
import io.pulse.store.tags.TagRun;
import io.pulse.store.tags.TagSet;
import io.pulse.store.tags.TagStore;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 7's "tag computation for 10M users": {@code TagRun.compute(store, TagDefinitions.load(null), cutoff)},
 * Pulse's default tags (rules, attributes and the four model tags), against the same tags in one
 * hand-written DuckDB statement ({@link PeerTags}), on a synthetic store ({@link TagComputeData}) in the
 * same process, the two sides alternating which goes first. {@code TagStore.store} of the result is timed
 * as a second Pulse figure. After every pair each Pulse bitmap's cardinality must equal the peer column's
 * count of true, tag by tag; a difference stops the run.
 *
 * <pre>java -Xmx8g -cp pulse-bench.jar io.pulse.bench.tags.TagComputeBench [dir] [--users=10000000] [--rounds=3] [--out=FILE]</pre>
 *
 * The store is {@code dir/pulse.duckdb} (default dir {@code target/bench-tags}), built on the first run.
 */
public final class TagComputeBench {

    private TagComputeBench() {
    }

    record Options(Path dir, int users, int rounds, Path out) {

        static Options parse(String[] args) {
            Path dir = Path.of("target/bench-tags");
            Map<String, String> given = new HashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                if (!a.startsWith("--")) {
                    dir = Path.of(a);
                } else if (eq < 0) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    given.put(a.substring(2, eq), a.substring(eq + 1));
                }
            }
            int users = given.containsKey("users") ? Samples.positive("--users", given.remove("users")) : 10_000_000;
            int rounds = given.containsKey("rounds") ? Samples.positive("--rounds", given.remove("rounds")) : 3;
            Path out = given.containsKey("out") ? Path.of(given.remove("out")) : null;
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + given.keySet() + " (known: --users, --rounds, --out)");
            }
            return new Options(dir, users, rounds, out);
        }
    }

    /** What one side used: the JVM heap (peak, and retained by the result), and DuckDB's buffer memory after it. */
    record Memory(Timings heapPeakMb, Timings retainedMb, Timings duckdbMb) {
        Memory() {
            this(new Timings(), new Timings(), new Timings());
        }
    }

    record Run(int users, int tags, Timings compute, Timings computeCpu, Timings store, Timings peer, Timings peerCpu,
               Memory pulseMemory, Memory peerMemory, double bitmapMb, Map<String, Long> counts) {

        double ratio() {
            return compute.median() / peer.median();
        }
    }

    public static void main(String[] args) throws IOException, SQLException {
        Options o = Options.parse(args);
        PrintStream out = System.out;
        String machine = FeatureBench.machine();
        out.println("machine: " + machine);
        Path db = TagComputeData.prepare(o.dir(), o.users(), out);
        Run run = run(db, o.rounds(), out);
        String report = markdown(machine, o.rounds(), run);
        out.println();
        out.print(report);
        if (o.out() != null) {
            Files.writeString(o.out(), report);
        }
    }

    static Run run(Path db, int rounds, PrintStream out) throws SQLException {
        List<TagDefinition> defs = TagDefinitions.load(null);
        LocalDate cutoff = TagComputeData.CUTOFF;
        try (PulseStore store = PulseStore.open(db)) {
            Connection c = store.connection();
            Run run = new Run(0, 0, new Timings(), new Timings(), new Timings(), new Timings(), new Timings(),
                    new Memory(), new Memory(), 0, Map.of());
            TagSet[] set = new TagSet[1];
            Map<String, Long> counts = Map.of();
            double bitmapMb = 0;
            for (int round = 1; round <= rounds; round++) {
                TagComputeData.dropTagTables(c);
                boolean pulseFirst = round % 2 == 1;
                for (int side = 0; side < 2; side++) {
                    boolean pulse = (side == 0) == pulseFirst;
                    if (pulse) {
                        set[0] = null;
                    }
                    double baseline = settledHeapMb();
                    resetHeapPeaks();
                    if (pulse) {
                        FeatureBench.time(run.compute(), run.computeCpu(), () -> set[0] = TagRun.compute(store, defs, cutoff));
                        record(run.pulseMemory(), baseline, store);
                        long before = System.nanoTime();
                        TagStore.store(store, set[0], defs);
                        run.store().add((System.nanoTime() - before) / 1e9);
                    } else {
                        FeatureBench.time(run.peer(), run.peerCpu(), () -> PeerTags.build(c));
                        record(run.peerMemory(), baseline, store);
                    }
                }
                counts = compare(set[0], PeerTags.counts(c));
                bitmapMb = set[0].tags().values().stream().mapToLong(RoaringBitmap::getLongSizeInBytes).sum() / 1e6;
                out.printf(Locale.ROOT, "round %d (%s first): Pulse compute %.2f s (CPU %.1f s), store %.2f s;"
                                + " SQL %.2f s (CPU %.1f s); %d tags over %,d users, counts equal%n", round,
                        pulseFirst ? "Pulse" : "SQL", run.compute().last(), run.computeCpu().last(), run.store().last(),
                        run.peer().last(), run.peerCpu().last(), counts.size(), set[0].users());
            }
            TagComputeData.dropTagTables(c);
            return new Run(set[0].users(), counts.size(), run.compute(), run.computeCpu(), run.store(), run.peer(),
                    run.peerCpu(), run.pulseMemory(), run.peerMemory(), bitmapMb, counts);
        }
    }

    /** Pulse's cardinalities, after checking that every tag has the peer's count and that no tag was skipped. */
    static Map<String, Long> compare(TagSet set, Map<String, Long> peer) {
        if (!set.skipped().isEmpty()) {
            throw new IllegalStateException("Pulse skipped tags: " + set.skipped());
        }
        Map<String, Long> pulse = new LinkedHashMap<>();
        set.tags().forEach((tag, bitmap) -> pulse.put(tag, bitmap.getLongCardinality()));
        List<String> problems = new ArrayList<>();
        for (String tag : pulse.keySet()) {
            if (!peer.containsKey(tag)) {
                problems.add(tag + ": Pulse " + pulse.get(tag) + ", not in the peer");
            } else if (!peer.get(tag).equals(pulse.get(tag))) {
                problems.add(tag + ": Pulse " + pulse.get(tag) + ", peer " + peer.get(tag));
            }
        }
        for (String tag : peer.keySet()) {
            if (!pulse.containsKey(tag)) {
                problems.add(tag + ": peer " + peer.get(tag) + ", not in Pulse");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Pulse's tags and the peer's differ:\n  " + String.join("\n  ", problems));
        }
        return pulse;
    }

    private static void record(Memory m, double baselineMb, PulseStore store) {
        m.heapPeakMb().add(heapPeaksMb() - baselineMb);
        m.retainedMb().add(settledHeapMb() - baselineMb);
        m.duckdbMb().add(store.scalarLong("SELECT sum(memory_usage_bytes) FROM duckdb_memory()") / 1e6);
    }

    private static double settledHeapMb() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1e6;
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
    private static double heapPeaksMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }

    static String markdown(String machine, int rounds, Run r) {
        StringBuilder b = new StringBuilder();
        b.append("machine: ").append(machine).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d tags (Pulse's default tag file) over %,d users; %d pairs, sides"
                + " alternating which goes first; median (min–max) wall seconds, median CPU seconds of the process.%n%n",
                r.tags(), r.users(), rounds));
        b.append("| side | wall | CPU | vs peer (wall) | JVM heap peak / retained | DuckDB memory after |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        b.append(String.format(Locale.ROOT, "| Pulse `TagRun.compute` (RoaringBitmaps in memory) | %s | %.1f s | **%.2f×**"
                        + " (per pair: %s) | %s | %s |%n", r.compute().spread(), r.computeCpu().median(), r.ratio(),
                Timings.paired(r.compute(), r.peer()), heap(r.pulseMemory()), mb(r.pulseMemory().duckdbMb())));
        b.append(String.format(Locale.ROOT, "| Pulse `TagStore.store` of that set (bitmaps + user list) | %s | | | | |%n",
                r.store().spread()));
        b.append(String.format(Locale.ROOT, "| peer: one `CREATE TABLE %s AS SELECT` (BOOLEAN columns) | %s | %.1f s |"
                        + " 1× | %s | %s |%n", PeerTags.TABLE, r.peer().spread(), r.peerCpu().median(),
                heap(r.peerMemory()), mb(r.peerMemory().duckdbMb())));
        b.append(String.format(Locale.ROOT, "%nBitmaps of one set: %.1f MB. Counts equal in every pair for all %d tags:%n%n",
                r.bitmapMb(), r.tags()));
        b.append("| tag | users |\n| --- | ---: |\n");
        r.counts().forEach((tag, n) -> b.append(String.format(Locale.ROOT, "| `%s` | %,d |%n", tag, n)));
        b.append('\n');
        b.append("- Pulse compute, seconds in run order: ").append(r.compute().list()).append('\n');
        b.append("- Pulse store, seconds in run order: ").append(r.store().list()).append('\n');
        b.append("- peer, seconds in run order: ").append(r.peer().list()).append('\n');
        return b.toString();
    }

    private static String heap(Memory m) {
        return String.format(Locale.ROOT, "%.0f / %.0f MB", m.heapPeakMb().median(), m.retainedMb().median());
    }

    private static String mb(Timings t) {
        return String.format(Locale.ROOT, "%.0f MB", t.median());
    }
}
