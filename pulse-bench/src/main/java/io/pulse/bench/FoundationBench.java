package io.pulse.bench;

import io.pulse.core.activity.Granularity;
import io.pulse.core.activity.PeriodActivity;
import io.pulse.core.activity.RetentionCohort;
import io.pulse.generate.GeneratorConfig;
import io.pulse.store.PulseStore;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.IngestSummary;
import io.pulse.store.ingest.Ingestor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The foundation benchmark, whole runs side by side in one process: Pulse's ingest of a generated
 * ~10M-event CSV against DuckDB's own typed {@code read_csv} INSERT, and Pulse's activity analysis
 * against the same figures in hand-written SQL. The two sides alternate which goes first, round
 * after round, so a noisy neighbour or a warm cache favours neither; the report quotes medians.
 *
 * <pre>java -Xmx4g -jar pulse-bench/target/pulse-bench.jar [dir] [--rounds=3] [--activity-repeats=3] [--users=67000] [--explain]</pre>
 *
 * {@code --explain} adds, once at the end, DuckDB-only runs of pieces of the ingest (see
 * {@link PeerIngest#anatomy}) to tell where Pulse's extra ingest time goes.
 *
 * Goals (the issue's): ingest at least 0.8 times the peer's events/s; activity at most 1.2 times
 * the peer's seconds.
 */
public final class FoundationBench {

    static final double INGEST_GOAL = 0.8;
    static final double ACTIVITY_GOAL = 1.2;

    private FoundationBench() {
    }

    /** Command-line settings; {@code config} is the generated store's. */
    record Options(Path dir, int rounds, int activityRepeats, GeneratorConfig config, boolean explain) {

        static Options parse(String[] args) {
            Path dir = Path.of("target", "bench-data");
            int rounds = 3;
            int repeats = 3;
            // 67,000 regular users over a year come to about ten million events.
            GeneratorConfig config = GeneratorConfig.defaults().withUsers(67_000);
            boolean explain = false;
            for (String a : args) {
                if (a.startsWith("--rounds=")) {
                    rounds = positive(a);
                } else if (a.startsWith("--activity-repeats=")) {
                    repeats = positive(a);
                } else if (a.startsWith("--users=")) {
                    config = config.withUsers(positive(a));
                } else if (a.equals("--explain")) {
                    explain = true;
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a
                            + " (known: --rounds=N, --activity-repeats=N, --users=N, --explain)");
                } else {
                    dir = Path.of(a);
                }
            }
            return new Options(dir, rounds, repeats, config, explain);
        }

        private static int positive(String arg) {
            int n = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            if (n < 1) {
                throw new IllegalArgumentException(arg + ": must be at least 1");
            }
            return n;
        }
    }

    /** Everything measured, side by side. */
    static final class Results {
        final Samples pulseIngest = new Samples();
        final Samples peerIngest = new Samples();
        final Samples pulseActivity = new Samples();
        final Samples sqlActivity = new Samples();
        final Samples pulseIngestCpu = new Samples();
        final Samples peerIngestCpu = new Samples();
        final Samples pulseActivityCpu = new Samples();
        final Samples sqlActivityCpu = new Samples();
        final Map<String, Samples> ingestStages = new LinkedHashMap<>();
        final Map<String, Samples> activityStages = new LinkedHashMap<>();
        final Map<String, Samples> sqlStages = new LinkedHashMap<>();
        long events;
        long pulseBytes;
        long peerBytes;
        double usersSeconds;
        long userRows;
        int activityPairs;
        int matchingPairs;
        List<ActivityCheck.Check> checks = List.of();
        List<PeerIngest.Piece> anatomy = List.of();

        static void addAll(Map<String, Samples> into, Map<String, Double> stages) {
            stages.forEach((k, v) -> into.computeIfAbsent(k, x -> new Samples()).add(v));
        }
    }

    public static void main(String[] args) throws IOException, SQLException {
        Options o = Options.parse(args);
        PrintStream out = System.out;
        Machine machine = Machine.current();
        out.println("machine: " + machine.describe());
        BenchData data = BenchData.prepare(o.dir(), o.config(), out);
        Results r = new Results();
        for (int round = 1; round <= o.rounds(); round++) {
            round(o, data, round, r, out);
        }
        if (o.explain()) {
            Path db = o.dir().resolve("anatomy.duckdb");
            delete(db);
            r.anatomy = PeerIngest.anatomy(db, data.events());
            r.anatomy.forEach(p -> out.printf(Locale.ROOT, "explain: %s %.2f s (CPU %.2f s)%n", p.work(),
                    p.seconds(), p.cpuSeconds()));
        }
        out.println();
        out.print(Report.markdown(o, machine, r));
    }

    private static void round(Options o, BenchData data, int round, Results r, PrintStream out)
            throws IOException, SQLException {
        Path pulseDb = o.dir().resolve("pulse.duckdb");
        Path peerDb = o.dir().resolve("peer.duckdb");
        delete(pulseDb);
        delete(peerDb);
        // Odd rounds start with Pulse, even rounds with the peer.
        boolean pulseFirst = round % 2 == 1;
        PulseIngest.Run pulse = null;
        PeerIngest.Run peer = null;
        for (int side = 0; side < 2; side++) {
            if ((side == 0) == pulseFirst) {
                pulse = onCpu(r.pulseIngestCpu, () -> PulseIngest.run(pulseDb, data.events()));
            } else {
                peer = onCpu(r.peerIngestCpu, () -> PeerIngest.run(peerDb, data.events()));
            }
        }
        IngestSummary s = pulse.summary();
        if (s.loaded() != peer.rows() || s.rejected() != 0 || s.duplicates() != 0) {
            throw new IllegalStateException("the sides loaded different data: Pulse " + s + ", read_csv " + peer.rows());
        }
        r.events = peer.rows();
        r.pulseBytes = Files.size(pulseDb);
        r.peerBytes = Files.size(peerDb);
        r.pulseIngest.add(pulse.seconds());
        r.peerIngest.add(peer.seconds());
        Results.addAll(r.ingestStages, pulse.stages());
        out.printf(Locale.ROOT, "round %d ingest (%s first): Pulse %.2f s (%,.0f events/s, CPU %.1f s), "
                        + "read_csv %.2f s (%,.0f events/s, CPU %.1f s)%n",
                round, pulseFirst ? "Pulse" : "read_csv", pulse.seconds(), r.events / pulse.seconds(),
                last(r.pulseIngestCpu), peer.seconds(), r.events / peer.seconds(), last(r.peerIngestCpu));
        delete(peerDb);

        try (PulseStore store = PulseStore.open(pulseDb)) {
            IngestSummary users = Ingestor.ingestUsers(store, IngestRequest.of(data.users(), Ingestor.userMapping("canonical")));
            r.usersSeconds = users.seconds();
            r.userRows = users.loaded();
            for (int k = 0; k < o.activityRepeats(); k++) {
                activityPair(store, (round + k) % 2 == 1, round, r, out);
            }
        }
        delete(pulseDb);
    }

    private static void activityPair(PulseStore store, boolean pulseFirst, int round, Results r, PrintStream out)
            throws SQLException {
        PulseActivity.Run pulse = null;
        SqlActivity.Result sql = null;
        double sqlSeconds = 0;
        for (int side = 0; side < 2; side++) {
            if ((side == 0) == pulseFirst) {
                pulse = onCpu(r.pulseActivityCpu, () -> PulseActivity.run(store));
            } else {
                QueryLog log = QueryLog.start(store.connection());
                Instant begin = Instant.now();
                sql = onCpu(r.sqlActivityCpu, () -> SqlActivity.analyze(store.connection(), 12));
                Instant end = Instant.now();
                sqlSeconds = QueryLog.seconds(begin, end);
                Results.addAll(r.sqlStages, log.stages(begin, end, "start", SqlActivity::stageOf));
            }
        }
        r.pulseActivity.add(pulse.seconds());
        r.sqlActivity.add(sqlSeconds);
        Results.addAll(r.activityStages, pulse.stages());
        List<ActivityCheck.Check> checks = ActivityCheck.compare(pulse.analysis(), sql);
        boolean match = checks.stream().allMatch(ActivityCheck.Check::matches);
        r.activityPairs++;
        r.matchingPairs += match ? 1 : 0;
        out.printf(Locale.ROOT, "round %d activity (%s first): Pulse %.2f s (CPU %.1f s), SQL %.2f s (CPU %.1f s),"
                        + " figures %s%n", round, pulseFirst ? "Pulse" : "SQL", pulse.seconds(), last(r.pulseActivityCpu),
                sqlSeconds, last(r.sqlActivityCpu), match ? "match" : "DIFFER");
        if (r.checks.isEmpty() || !match) {
            r.checks = checks;
            checks.forEach(c -> out.println("  " + c.line()));
            examples(pulse, sql, out);
        }
    }

    /** A few figures printed from both sides, so a reader sees the agreement rather than takes it on trust. */
    private static void examples(PulseActivity.Run pulse, SqlActivity.Result sql, PrintStream out) {
        List<PeriodActivity> months = pulse.analysis().report().periods(Granularity.MONTH);
        out.println("  monthly active users, Pulse: " + months.stream().map(PeriodActivity::activeUsers).toList());
        out.println("  monthly active users, SQL:   " + sql.periods().get(Granularity.MONTH).stream()
                .map(SqlActivity.Period::active).toList());
        List<RetentionCohort> cohorts = pulse.analysis().report().retention().cohorts();
        if (!cohorts.isEmpty()) {
            RetentionCohort first = cohorts.get(0);
            out.println("  retention of cohort " + first.week() + ", Pulse: " + first.active());
            out.println("  retention of cohort " + first.week() + ", SQL:   "
                    + Arrays.toString(sql.retention().get(first.start())));
        }
    }

    /** Runs {@code work}, adding the CPU seconds the process spent on it to {@code cpu}. */
    private static <T> T onCpu(Samples cpu, SqlWork<T> work) throws SQLException {
        double before = Machine.processCpuSeconds();
        T result = work.run();
        cpu.add(Machine.processCpuSeconds() - before);
        return result;
    }

    private static double last(Samples s) {
        return s.values().get(s.size() - 1);
    }

    private static void delete(Path db) throws IOException {
        Files.deleteIfExists(db);
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
    }
}
