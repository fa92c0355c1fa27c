package io.pulse.bench.tags;

import io.pulse.bench.Samples;
import io.pulse.bench.models.ModelsBench;
import io.pulse.core.tags.AudienceExpression;
import io.pulse.core.tags.FpGrowth;
import io.pulse.core.tags.FrequentItemset;
import io.pulse.core.tags.FrequentItemsets;
import io.pulse.core.tags.Transactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Issue 7's tag benchmarks on {@link SyntheticTags}: (1) audience queries of 3–5 terms over 10M users and
 * 50 tags, parse and evaluate with {@link AudienceExpression} on RoaringBitmaps, against the same parsed
 * expression on {@link BitSet}s and tested user by user over {@code boolean[]} columns (all three must
 * give the same count); (2) {@link FpGrowth} on the users' tag sets against a level-wise bitmap count
 * ({@link LevelWise}), which must find the same itemsets with the same counts.
 *
 * <pre>java -Xmx8g -cp pulse-bench/target/pulse-bench.jar io.pulse.bench.tags.TagBench
 *     [--users=10000000] [--reps=200] [--loop-reps=10] [--fp-users=1000000] [--min-support=0.01]
 *     [--max-size=3] [--fp-rounds=3] [--out=FILE]</pre>
 *
 * The goal (the issue's) is a median audience query under 10 ms at 10M users.
 */
public final class TagBench {

    static final double QUERY_GOAL_MS = 10;
    static final long SEED = 7;

    /** Three to five terms each, mixing nested, correlated, rare, dense and attribute tags. */
    static final List<String> QUERIES = List.of(
            "high_value and not churn_risk and (region:east or region:north)",
            "visited_this_week and not never_bought and channel:email",
            "(deep_browser or heavy_browser) and never_bought and not silent_90d",
            "top_spender and veteran and not dormant",
            "repeat_buyer and (age_band:25-34 or age_band:35-44) and not coupon_user",
            "silent_30d and not silent_90d and high_value and gender:f",
            "new_customer and visited_this_week and (channel:social or channel:paid_search or channel:affiliate)",
            "frequent_buyer or top_spender or (big_basket and wide_taste)",
            "window_shopper and not hard_to_convert and region:west and app_user",
            "not (churn_risk or dormant) and email_opt_in and (monthly_buyer or regular_visitor)");

    private TagBench() {
    }

    record Options(int users, int reps, int loopReps, int fpUsers, double minSupport, int maxSize, int fpRounds,
                   Path out) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                if (!a.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("unknown option " + a);
                }
                given.put(a.substring(2, eq), a.substring(eq + 1));
            }
            Options o = new Options(count(given, "users", 10_000_000), count(given, "reps", 200),
                    count(given, "loop-reps", 10), count(given, "fp-users", 1_000_000),
                    Double.parseDouble(given.getOrDefault("min-support", "0.01")), count(given, "max-size", 3),
                    count(given, "fp-rounds", 3), given.containsKey("out") ? Path.of(given.get("out")) : null);
            given.keySet().removeAll(List.of("users", "reps", "loop-reps", "fp-users", "min-support", "max-size",
                    "fp-rounds", "out"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + given.keySet()
                        + " (known: --users, --reps, --loop-reps, --fp-users, --min-support, --max-size, --fp-rounds, --out)");
            }
            return o;
        }

        private static int count(Map<String, String> given, String name, int otherwise) {
            return given.containsKey(name) ? Samples.positive("--" + name, given.get(name)) : otherwise;
        }
    }

    /** Milliseconds per run of one query on one side. */
    record Timing(double[] ms) {

        double median() {
            return Samples.median(ms);
        }

        double p99() {
            return percentile(ms, 0.99);
        }

        static double percentile(double[] values, double q) {
            double[] v = values.clone();
            Arrays.sort(v);
            return v[Math.max(0, (int) Math.ceil(q * v.length) - 1)];
        }
    }

    record QueryResult(String query, long count, Timing roaring, Timing bitSet, Timing loop) {
    }

    record FpResult(int users, long minCount, int itemsets, double transactionsSeconds, double fpGrowthSeconds,
                    double levelWiseSeconds, Map<Integer, Integer> bySize) {
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        long t0 = System.nanoTime();
        SyntheticTags tags = SyntheticTags.generate(o.users(), SEED);
        System.err.printf(Locale.ROOT, "%d tags over %,d users in %.1f s%n", tags.size(), o.users(), seconds(t0));
        List<QueryResult> queries = queries(tags, o);
        FpResult fp = frequentItemsets(tags, o);
        String report = report(tags, o, queries, fp);
        System.out.print(report);
        if (o.out() != null) {
            Files.writeString(o.out(), report);
        }
    }

    static List<QueryResult> queries(SyntheticTags tags, Options o) {
        Map<String, RoaringBitmap> bitmaps = new HashMap<>();
        Map<String, BitSet> bitSets = new HashMap<>();
        Map<String, boolean[]> columns = new HashMap<>();
        for (int t = 0; t < tags.size(); t++) {
            bitmaps.put(tags.names.get(t), tags.bitmaps.get(t));
            bitSets.put(tags.names.get(t), tags.bitSets.get(t));
            columns.put(tags.names.get(t), tags.columns.get(t));
        }
        RoaringBitmap universe = RoaringBitmap.bitmapOfRange(0, tags.users);
        int users = tags.users;
        int q = QUERIES.size();
        long[] counts = new long[q];
        for (int i = 0; i < q; i++) {
            AudienceExpression e = AudienceExpression.parse(QUERIES.get(i));
            counts[i] = e.evaluate(bitmaps, universe).getLongCardinality();
            long bitSet = AudiencePeers.evaluate(e.root(), bitSets, users).cardinality();
            long loop = AudiencePeers.count(AudiencePeers.compile(e.root(), columns), users);
            if (bitSet != counts[i] || loop != counts[i]) {
                throw new IllegalStateException(QUERIES.get(i) + ": Roaring " + counts[i] + ", BitSet " + bitSet
                        + ", per-user loop " + loop);
            }
        }
        double[][] roaring = time(o.reps(), text ->
                AudienceExpression.parse(text).evaluate(bitmaps, universe).getLongCardinality());
        double[][] bitSet = time(o.reps(), text ->
                AudiencePeers.evaluate(AudienceExpression.parse(text).root(), bitSets, users).cardinality());
        double[][] loop = time(o.loopReps(), text ->
                AudiencePeers.count(AudiencePeers.compile(AudienceExpression.parse(text).root(), columns), users));
        List<QueryResult> results = new ArrayList<>();
        for (int i = 0; i < q; i++) {
            results.add(new QueryResult(QUERIES.get(i), counts[i], new Timing(roaring[i]), new Timing(bitSet[i]),
                    new Timing(loop[i])));
        }
        return results;
    }

    interface Query {
        long count(String text);
    }

    /**
     * Milliseconds per query and repetition: a quarter of the repetitions (at least two) as warm-up after a
     * collection, so one side's garbage is not collected on another's clock; then every repetition runs
     * each query once, so a disturbance from other programs spreads over all of them. The counts feed a
     * checksum so the work cannot be optimised away.
     */
    private static double[][] time(int reps, Query query) {
        System.gc();
        long sink = 0;
        for (int w = 0; w < Math.max(2, reps / 4); w++) {
            for (String text : QUERIES) {
                sink += query.count(text);
            }
        }
        double[][] ms = new double[QUERIES.size()][reps];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < QUERIES.size(); i++) {
                long start = System.nanoTime();
                sink += query.count(QUERIES.get(i));
                ms[i][r] = (System.nanoTime() - start) / 1e6;
            }
        }
        if (sink == 42) {
            System.err.println("checksum " + sink);
        }
        return ms;
    }

    static FpResult frequentItemsets(SyntheticTags tags, Options o) {
        int users = Math.min(o.fpUsers(), tags.users);
        RoaringBitmap sample = RoaringBitmap.bitmapOfRange(0, users);
        List<RoaringBitmap> bitmaps = new ArrayList<>();
        for (RoaringBitmap tag : tags.bitmaps) {
            bitmaps.add(RoaringBitmap.and(tag, sample));
        }
        long minCount = Math.max(1, (long) Math.ceil(o.minSupport() * users - 1e-9));
        double[] transactionSeconds = new double[o.fpRounds()];
        double[] fpSeconds = new double[o.fpRounds()];
        double[] levelSeconds = new double[o.fpRounds()];
        FrequentItemsets fp = null;
        Map<List<Integer>, Long> levelWise = null;
        for (int r = 0; r < o.fpRounds(); r++) {
            // Sides alternate which goes first.
            for (int side = 0; side < 2; side++) {
                if ((r + side) % 2 == 0) {
                    long t0 = System.nanoTime();
                    int[][] transactions = Transactions.of(bitmaps, users);
                    transactionSeconds[r] = seconds(t0);
                    long t1 = System.nanoTime();
                    fp = FpGrowth.mine(transactions, minCount, o.maxSize());
                    fpSeconds[r] = seconds(t1);
                } else {
                    long t0 = System.nanoTime();
                    levelWise = LevelWise.mine(bitmaps, minCount, o.maxSize());
                    levelSeconds[r] = seconds(t0);
                }
            }
            System.err.printf(Locale.ROOT, "FP round %d: transactions %.2f s, FP-Growth %.2f s, level-wise %.2f s%n",
                    r + 1, transactionSeconds[r], fpSeconds[r], levelSeconds[r]);
        }
        Map<List<Integer>, Long> fromFp = new HashMap<>();
        Map<Integer, Integer> bySize = new TreeMap<>();
        for (FrequentItemset s : fp.itemsets()) {
            fromFp.put(LevelWise.key(s.items()), s.count());
            bySize.merge(s.size(), 1, Integer::sum);
        }
        if (!fromFp.equals(levelWise)) {
            throw new IllegalStateException("FP-Growth found " + fromFp.size() + " itemsets, level-wise "
                    + levelWise.size() + ", and they differ");
        }
        return new FpResult(users, minCount, fromFp.size(), Samples.median(transactionSeconds),
                Samples.median(fpSeconds), Samples.median(levelSeconds), bySize);
    }

    static String report(SyntheticTags tags, Options o, List<QueryResult> queries, FpResult fp) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Machine: %s.%n%n", ModelsBench.machine()));
        b.append(String.format(Locale.ROOT, "%d tags over %,d users: RoaringBitmaps (runOptimize'd) %.1f MB, "
                + "BitSets %.1f MB, boolean[] columns %.1f MB.%n%n", tags.size(), tags.users,
                tags.roaringBytes() / 1e6, tags.bitSetBytes() / 1e6, (double) tags.size() * tags.users / 1e6));
        b.append(String.format(Locale.ROOT, "Audience queries, parse + evaluate + count, ms: median / p99 of %d runs "
                + "(per-user loop: %d runs) after a quarter as many warm-up runs; goal: median < %.0f ms.%n%n", o.reps(), o.loopReps(),
                QUERY_GOAL_MS));
        b.append("| query | users | Pulse (Roaring) | BitSet | per-user loop |\n| --- | ---: | ---: | ---: | ---: |\n");
        double[][] pooled = {new double[0], new double[0], new double[0]};
        for (QueryResult r : queries) {
            b.append(String.format(Locale.ROOT, "| `%s` | %,d | %s | %s | %s |%n", r.query(), r.count(),
                    cell(r.roaring()), cell(r.bitSet()), cell(r.loop())));
            pooled[0] = concat(pooled[0], r.roaring().ms());
            pooled[1] = concat(pooled[1], r.bitSet().ms());
            pooled[2] = concat(pooled[2], r.loop().ms());
        }
        b.append(String.format(Locale.ROOT, "| **all %d queries** | | **%s** | %s | %s |%n%n", queries.size(),
                cell(new Timing(pooled[0])), cell(new Timing(pooled[1])), cell(new Timing(pooled[2]))));
        b.append("The three sides gave the same count for every query.\n\n");
        b.append(String.format(Locale.ROOT, "Frequent itemsets on the first %,d users' tag sets, min support %s "
                + "(%,d users), at most %d tags; median seconds of %d rounds, sides alternating.%n%n", fp.users(),
                o.minSupport(), fp.minCount(), o.maxSize(), o.fpRounds()));
        b.append("| itemsets (by size) | transactions from bitmaps | FP-Growth | FP-Growth + transactions | "
                + "level-wise andCardinality | level-wise / FP-Growth |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        double fpTotal = fp.transactionsSeconds() + fp.fpGrowthSeconds();
        b.append(String.format(Locale.ROOT, "| %,d (%s) | %.2f s | %.2f s | %.2f s | %.2f s | %.2f× (%.2f× with transactions) |%n%n",
                fp.itemsets(), fp.bySize(), fp.transactionsSeconds(), fp.fpGrowthSeconds(), fpTotal,
                fp.levelWiseSeconds(), fp.levelWiseSeconds() / fp.fpGrowthSeconds(), fp.levelWiseSeconds() / fpTotal));
        b.append("Both found the same itemsets with the same counts.\n");
        return b.toString();
    }

    private static String cell(Timing t) {
        return String.format(Locale.ROOT, "%s / %s", ms(t.median()), ms(t.p99()));
    }

    private static String ms(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
