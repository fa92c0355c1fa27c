package io.pulse.bench.thresholds;

import io.pulse.bench.Samples;
import io.pulse.bench.features.FeatureBench;
import io.pulse.bench.features.FeatureData;
import io.pulse.core.recommend.CoOccurrenceRecommender;
import io.pulse.core.recommend.InteractionType;
import io.pulse.core.recommend.Interactions;
import io.pulse.core.recommend.PopularityRecommender;
import io.pulse.core.recommend.Ranking;
import io.pulse.core.recommend.RecommenderConfig;
import io.pulse.core.recommend.UserItems;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.recommend.RecommendRun;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Top-10 recommendations for every user of a generated store: item-to-item co-occurrence
 * ({@link CoOccurrenceRecommender}: fit the similarity, rank every user's top 10) against the
 * popularity baseline ({@link PopularityRecommender}) on the same interactions in the same process,
 * sides alternating; then the whole {@code RecommendRun.run} (read, fit, rank, write the table) once,
 * and {@code RecommendRun.evaluate} once for hit rate and recall at 10 of both on a 30-day time split.
 *
 * <pre>java -Xmx8g -cp pulse-bench.jar io.pulse.bench.thresholds.RecommendBench [dir] [--events=100M] [--rounds=5]</pre>
 */
public final class RecommendBench {

    static final int TOP = 10;

    private RecommendBench() {
    }

    // The store's views, carts and purchases as RecommendRun reads them: one row per (user, item, type).
    private static final String HISTORY = """
            WITH pairs AS (
                SELECT user_id, item_id, type, epoch_ms(max(ts)) AS last
                FROM events
                WHERE type IN ('view', 'cart', 'purchase') AND item_id IS NOT NULL
                  AND ts < CAST(? AS DATE) + INTERVAL 1 DAY
                GROUP BY user_id, item_id, type)
            SELECT dense_rank() OVER (ORDER BY user_id) - 1, dense_rank() OVER (ORDER BY item_id) - 1,
                   type, last
            FROM pairs""";

    public static void main(String[] args) throws IOException, SQLException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.stream().noneMatch(a -> !a.startsWith("--"))) {
            rest.add(0, "target/bench-thresholds");
        }
        FeatureBench.Options o = FeatureBench.Options.parse(rest.toArray(String[]::new));
        PrintStream out = System.out;
        String machine = FeatureBench.machine();
        out.println("machine: " + machine);
        long events = o.sizes().get(o.sizes().size() - 1);
        String label = FeatureBench.label(events);
        FeatureData data = FeatureData.prepare(o.dir().resolve(label), FeatureData.sized(events), o.dropCsv(), out);
        RecommenderConfig config = RecommenderConfig.defaults();
        StringBuilder b = new StringBuilder();
        try (PulseStore store = PulseStore.open(data.store())) {
            LocalDate cutoff = FeatureTable.lastEventDay(store);
            long t = System.nanoTime();
            Interactions in = read(store, cutoff);
            double readSeconds = (System.nanoTime() - t) / 1e9;
            out.printf(Locale.ROOT, "%,d interactions of %,d users and %,d items read in %.1f s%n", in.size(),
                    in.users(), in.items(), readSeconds);

            double[] co = new double[o.rounds()];
            double[] pop = new double[o.rounds()];
            long[] coHeap = new long[1];
            long[] popHeap = new long[1];
            long[] coPeak = new long[1];
            int[] coUsers = new int[1];
            int[] popUsers = new int[1];
            Ranking[][] kept = new Ranking[1][];
            for (int round = 0; round < o.rounds(); round++) {
                boolean coFirst = round % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == coFirst) {
                        long before = retained();
                        resetPeaks();
                        long s = System.nanoTime();
                        CoOccurrenceRecommender model = CoOccurrenceRecommender.fit(in, config);
                        Ranking[] ranked = model.recommendAll(TOP);
                        co[round] = (System.nanoTime() - s) / 1e9;
                        coPeak[0] = Math.max(coPeak[0], peakHeap() - before);
                        coHeap[0] = retained() - before;
                        coUsers[0] = recommended(ranked);
                        kept[0] = ranked;
                    } else {
                        long before = retained();
                        long s = System.nanoTime();
                        Ranking[] ranked = new PopularityRecommender(UserItems.of(in, config)).recommendAll(TOP);
                        pop[round] = (System.nanoTime() - s) / 1e9;
                        popHeap[0] = retained() - before;
                        popUsers[0] = recommended(ranked);
                        kept[0] = ranked;
                    }
                }
                kept[0] = null;
                out.printf(Locale.ROOT, "round %d (%s first): co-occurrence %.2f s, popularity %.2f s%n", round + 1,
                        coFirst ? "co-occurrence" : "popularity", co[round], pop[round]);
            }

            t = System.nanoTime();
            RecommendRun.Result run = RecommendRun.run(store, RecommendRun.Options.defaults(cutoff), 0);
            double runSeconds = (System.nanoTime() - t) / 1e9;
            out.printf(Locale.ROOT, "RecommendRun.run: %.1f s (fit + rank %.1f s), %,d rows%n", runSeconds,
                    run.fitSeconds(), run.rows());
            t = System.nanoTime();
            RecommendRun.Evaluation e = RecommendRun.evaluate(store, RecommendRun.Options.defaults(cutoff));
            double evalSeconds = (System.nanoTime() - t) / 1e9;
            out.printf(Locale.ROOT, "RecommendRun.evaluate: %.1f s, %,d users%n", evalSeconds, e.users());

            int users = in.users();
            b.append("## Recommendation benchmark, ").append(LocalDate.now()).append("\n\n");
            b.append("- machine: ").append(machine).append('\n');
            b.append(String.format(Locale.ROOT, "- store: %,d events (%s), cutoff %s; %,d (user, item, type)"
                            + " interactions of %,d users and %,d items, read in %.1f s%n", data.events(), label, cutoff,
                    in.size(), users, in.items(), readSeconds));
            b.append(String.format(Locale.ROOT, "- %d rounds, sides alternating; median (min–max) seconds; heap"
                    + " retained by the model and the rankings after a full GC, and the peak heap growth during the fit%n%n",
                    o.rounds()));
            b.append("| work | seconds | users/s | heap | users with ≥ 1 item | hit rate@10 | recall@10 |\n");
            b.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            b.append(String.format(Locale.ROOT, "| co-occurrence: fit + top-10 for every user | %s | %,.0f |"
                            + " %.0f MB retained, peak +%.0f MB | %,d | %.4f | %.4f |%n", spread(co),
                    users / Samples.median(co), coHeap[0] / 1e6, coPeak[0] / 1e6, coUsers[0],
                    e.cooccurrence().hitRate(), e.cooccurrence().recall()));
            b.append(String.format(Locale.ROOT, "| peer: popularity baseline, top-10 for every user | %s | %,.0f |"
                            + " %.0f MB retained | %,d | %.4f | %.4f |%n", spread(pop), users / Samples.median(pop),
                    popHeap[0] / 1e6, popUsers[0], e.popularity().hitRate(), e.popularity().recall()));
            b.append(String.format(Locale.ROOT, "| `RecommendRun.run` whole (read + fit + rank + write %,d rows), once |"
                            + " %.2f s (fit + rank %.2f s) | %,.0f | | %,d | | |%n", run.rows(), runSeconds,
                    run.fitSeconds(), run.users() / runSeconds, run.recommended()));
            b.append(String.format(Locale.ROOT, "| `RecommendRun.evaluate` (split %s: both models fitted and"
                            + " scored on %,d users), once | %.2f s | | | | | |%n", e.split(), e.users(), evalSeconds));
        }
        out.println();
        out.print(b);
    }

    static Interactions read(PulseStore store, LocalDate lastDay) throws SQLException {
        int capacity = 1 << 20;
        int[] user = new int[capacity];
        int[] item = new int[capacity];
        InteractionType[] type = new InteractionType[capacity];
        long[] at = new long[capacity];
        int n = 0;
        int users = 0;
        int items = 0;
        try (PreparedStatement p = store.connection().prepareStatement(HISTORY)) {
            p.setString(1, lastDay.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (n == user.length) {
                        user = Arrays.copyOf(user, 2 * n);
                        item = Arrays.copyOf(item, 2 * n);
                        type = Arrays.copyOf(type, 2 * n);
                        at = Arrays.copyOf(at, 2 * n);
                    }
                    user[n] = rs.getInt(1);
                    item[n] = rs.getInt(2);
                    type[n] = InteractionType.valueOf(rs.getString(3).toUpperCase(Locale.ROOT));
                    at[n] = rs.getLong(4);
                    users = Math.max(users, user[n] + 1);
                    items = Math.max(items, item[n] + 1);
                    n++;
                }
            }
        }
        return new Interactions(users, items, Arrays.copyOf(user, n), Arrays.copyOf(item, n), Arrays.copyOf(type, n),
                Arrays.copyOf(at, n));
    }

    private static int recommended(Ranking[] ranked) {
        int n = 0;
        for (Ranking r : ranked) {
            n += r.size() > 0 ? 1 : 0;
        }
        return n;
    }

    private static String spread(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", Samples.median(s), s[0], s[s.length - 1]);
    }

    /** Heap in use after a full collection. */
    private static long retained() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
