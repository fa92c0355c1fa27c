package io.pulse.bench.thresholds;

import io.pulse.bench.Samples;
import io.pulse.bench.features.FeatureBench;
import io.pulse.bench.features.FeatureData;
import io.pulse.core.actions.ActionPlan;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;
import io.pulse.core.actions.UserFacts;
import io.pulse.core.segments.RfmCell;
import io.pulse.store.PulseStore;
import io.pulse.store.actions.ActionRun;
import io.pulse.store.actions.RulesLoader;
import io.pulse.store.actions.UserFactsReader;
import io.pulse.store.thresholds.ThresholdRun;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Rule evaluation over a million users: (a) {@link ActionPlan#evaluate} of the shipped default rules
 * over synthetic facts held in memory, with the file's budget of 5,000 actions and without a budget
 * (every qualifying user then gets a holdout draw, the worst case); (b) the whole dry run of
 * {@link ActionRun} on a generated store (facts read from the store, evaluation, outbox rows built),
 * and one run that writes the outbox.
 *
 * <pre>java -Xmx8g -cp pulse-bench.jar io.pulse.bench.thresholds.RuleBench [dir] [--events=100M] [--rounds=5]
 *     [--users=1000000]</pre>
 *
 * Goal (the issue's): evaluating the rules over 1M users in under 2 s. Median of whole runs after two
 * untimed ones (the first runs of a JVM include compiling the code).
 */
public final class RuleBench {

    static final double GOAL_SECONDS = 2.0;
    private static final int WARM_UP = 2;

    private RuleBench() {
    }

    /** Seconds of each timed run and what the last run decided. */
    record Timed(String what, double[] seconds, String outcome) {

        String row(String goal) {
            double median = Samples.median(seconds);
            double min = java.util.Arrays.stream(seconds).min().orElseThrow();
            double max = java.util.Arrays.stream(seconds).max().orElseThrow();
            return String.format(Locale.ROOT, "| %s | %.3f s (%.3f–%.3f) | %s | %s |%n", what, median, min, max,
                    goal, outcome);
        }
    }

    public static void main(String[] args) throws IOException, SQLException {
        List<String> rest = new ArrayList<>();
        String dir = "target/bench-thresholds";
        int users = 1_000_000;
        for (String a : args) {
            if (a.startsWith("--users=")) {
                users = Samples.positive(a, a.substring(a.indexOf('=') + 1));
            } else if (a.startsWith("--")) {
                rest.add(a);
            } else {
                dir = a;
            }
        }
        rest.add(0, dir);
        FeatureBench.Options o = FeatureBench.Options.parse(rest.toArray(String[]::new));
        PrintStream out = System.out;
        String machine = FeatureBench.machine();
        out.println("machine: " + machine);
        RuleSet rules = RulesLoader.load(null);
        RuleSet unlimited = new RuleSet(rules.source() + " without budget", rules.rules(),
                new Caps(rules.caps().cooldownDays(), Caps.NO_BUDGET));

        long made = System.nanoTime();
        UserFacts facts = synthetic(users, 42);
        out.printf(Locale.ROOT, "%,d synthetic users' facts in %.2f s%n", users, (System.nanoTime() - made) / 1e9);
        List<Timed> memory = new ArrayList<>();
        memory.add(time(String.format(Locale.ROOT, "`ActionPlan.evaluate`, default rules (budget %,d), %,d synthetic users",
                rules.caps().budget(), users), o.rounds(), () -> ActionPlan.evaluate(rules, facts), RuleBench::outcome, out));
        memory.add(time(String.format(Locale.ROOT, "`ActionPlan.evaluate`, default rules without budget, %,d synthetic users",
                users), o.rounds(), () -> ActionPlan.evaluate(unlimited, facts), RuleBench::outcome, out));

        List<Timed> stored = new ArrayList<>();
        String label = FeatureBench.label(o.sizes().get(o.sizes().size() - 1));
        FeatureData data = FeatureData.prepare(o.dir().resolve(label), FeatureData.sized(o.sizes().get(o.sizes().size() - 1)),
                o.dropCsv(), out);
        try (PulseStore store = PulseStore.open(data.store())) {
            if (!exists(store, "thresholds")) {
                long t = System.nanoTime();
                ThresholdRun.run(store, ThresholdRun.Options.defaults());
                out.printf(Locale.ROOT, "thresholds written first (untimed): %.1f s%n", (System.nanoTime() - t) / 1e9);
            }
            boolean hadOutbox = exists(store, "outbox");
            Instant now = Instant.now();
            UserFactsReader.Facts read = UserFactsReader.read(store, now);
            stored.add(time(String.format(Locale.ROOT, "`UserFactsReader.read`, %s store", label), o.rounds(),
                    () -> UserFactsReader.read(store, now), f -> String.format(Locale.ROOT, "%,d users", f.users().size()), out));
            stored.add(time(String.format(Locale.ROOT, "`ActionPlan.evaluate` of the %,d stored users' facts", read.users().size()),
                    o.rounds(), () -> ActionPlan.evaluate(rules, read.users()), RuleBench::outcome, out));
            stored.add(time(String.format(Locale.ROOT, "`ActionRun.run` dry run (read + evaluate + outbox rows), %s store", label),
                    o.rounds(), () -> ActionRun.run(store, rules, new ActionRun.Options(false, null, now)),
                    r -> String.format(Locale.ROOT, "%,d users, %,d rows", r.users(), r.rows().size()), out));
            if (!hadOutbox) {
                stored.add(time(String.format(Locale.ROOT, "`ActionRun.run` writing the outbox, %s store (once)", label), 1,
                        () -> ActionRun.run(store, rules, new ActionRun.Options(true, null, now)),
                        r -> String.format(Locale.ROOT, "%,d rows added", r.added()), out));
                try (Statement s = store.connection().createStatement()) {
                    s.execute("DROP TABLE outbox");
                }
            }
        }
        out.println();
        out.print(markdown(machine, o.rounds(), data, memory, stored));
    }

    /** Runs {@code work} {@link #WARM_UP} times untimed (unless timed once only), then {@code rounds} times timed. */
    static <T> Timed time(String what, int rounds, Supplier<T> work, java.util.function.Function<T, String> describe,
            PrintStream out) {
        for (int i = 0; rounds > 1 && i < WARM_UP; i++) {
            work.get();
        }
        double[] seconds = new double[rounds];
        T last = null;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            last = work.get();
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        Timed timed = new Timed(what, seconds, describe.apply(last));
        out.printf(Locale.ROOT, "%s: median %.3f s; %s%n", what, Samples.median(seconds), timed.outcome());
        return timed;
    }

    static String outcome(ActionPlan plan) {
        int treated = 0;
        int control = 0;
        for (ActionPlan.RuleCount c : plan.counts()) {
            treated += c.treated();
            control += c.control();
        }
        return String.format(Locale.ROOT, "%,d treated, %,d control", treated, control);
    }

    /**
     * A million users' facts at rates like a generated store's: about a third beyond their dormancy
     * threshold, a fifth below the engagement cut, 2% with a browse surge, 5% with an abandoned cart; a
     * cluster, a value group and an RFM cell each; a fifth acted on in the last 60 days.
     */
    static UserFacts synthetic(int n, long seed) {
        Random r = new Random(seed);
        String[] ids = new String[n];
        boolean[][] triggered = new boolean[Trigger.values().length][n];
        String[][] segments = new String[n][];
        int[] since = new int[n];
        double[] rate = {0.35, 0.20, 0.02, 0.05};
        RfmCell[] cells = RfmCell.values();
        for (int i = 0; i < n; i++) {
            ids[i] = String.format(Locale.ROOT, "u%07d", i);
            for (int t = 0; t < rate.length; t++) {
                triggered[t][i] = r.nextDouble() < rate[t];
            }
            segments[i] = new String[] {"s" + (1 + r.nextInt(6)), "v" + (1 + r.nextInt(4)),
                    "rfm_" + cells[r.nextInt(cells.length)].name().toLowerCase(Locale.ROOT)};
            since[i] = r.nextDouble() < 0.2 ? r.nextInt(60) : UserFacts.NEVER;
        }
        return new UserFacts(ids, triggered, segments, since);
    }

    private static boolean exists(PulseStore store, String table) throws SQLException {
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    static String markdown(String machine, int rounds, FeatureData data, List<Timed> memory, List<Timed> stored) {
        StringBuilder b = new StringBuilder();
        b.append("## Rule evaluation benchmark, ").append(LocalDate.now()).append("\n\n");
        b.append("- machine: ").append(machine).append('\n');
        b.append(String.format(Locale.ROOT, "- median (min–max) of %d whole runs after %d untimed ones%n%n", rounds, WARM_UP));
        b.append("| work | seconds | goal | outcome |\n| --- | --- | --- | --- |\n");
        for (Timed t : memory) {
            double median = Samples.median(t.seconds());
            b.append(t.row(String.format(Locale.ROOT, "< %.0f s: %s", GOAL_SECONDS, median < GOAL_SECONDS ? "yes" : "**no**")));
        }
        for (Timed t : stored) {
            b.append(t.row(""));
        }
        b.append(String.format(Locale.ROOT, "%nStore: %,d events, %,d users rows (%s).%n", data.events(), data.users(),
                data.config()));
        return b.toString();
    }
}
