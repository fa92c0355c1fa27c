package io.pulse.cli;

import io.pulse.core.recommend.HoldoutEvaluation;
import io.pulse.core.recommend.RecommenderConfig;
import io.pulse.store.PulseStore;
import io.pulse.store.recommend.RecommendRun;
import io.pulse.store.recommend.RecommendRun.Evaluation;
import io.pulse.store.recommend.RecommendRun.UserRecommendations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Recommends items to every user: item-to-item co-occurrence of views, carts and",
                "purchases, damped by popularity (cosine), summed over the user's items; items the user",
                "bought are left out. First evaluates it on a time split (fit before the last",
                "--holdout-days, score hit-rate@10 and recall@10 on the carts and purchases after)",
                "against a most-popular baseline, then fits on everything up to the cutoff and writes",
                "the table recommendations. See docs/recommend.md."},
        footer = {"", "Examples:",
                "  pulse recommend",
                "  pulse recommend --top 20 --cutoff 2025-12-31 --holdout-days 14 --json recommend.json"})
final class RecommendCommand implements Callable<Integer> {

    /** Example users printed and put in the JSON. */
    static final int SAMPLE = 5;

    @Mixin
    StoreOptions store;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Items written per user (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--cutoff", paramLabel = "DATE", description = "Last day whose events count (default: the last event's day).")
    LocalDate cutoff;

    @Option(names = "--holdout-days", paramLabel = "D", defaultValue = "30",
            description = "Days before the cutoff held out to evaluate (default ${DEFAULT-VALUE}).")
    int holdoutDays;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the evaluation and the sample as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        try (PulseStore s = store.open()) {
            LocalDate day = store.cutoffOrLastEventDay(s, cutoff);
            RecommendRun.Options options = new RecommendRun.Options(day, top, holdoutDays, RecommenderConfig.defaults());
            Evaluation evaluation = RecommendRun.evaluate(s, options);
            RecommendRun.Result result = RecommendRun.run(s, options, SAMPLE);
            boolean jsonOnly = json != null && json.toString().equals("-");
            if (!jsonOnly) {
                print(evaluation, result, Json.humanOut(json));
            }
            if (json != null) {
                Json.write(json, toJson(evaluation, result));
            }
        }
        return 0;
    }

    static void print(Evaluation e, RecommendRun.Result r, PrintStream out) {
        out.println();
        out.println("Evaluation: fitted on events up to " + e.split() + ", scored on the carts and purchases of "
                + e.split().plusDays(1) + ".." + e.cutoff());
        Table t = new Table(null, "model", "hit-rate@" + RecommendRun.EVAL_K, "recall@" + RecommendRun.EVAL_K, "users evaluated");
        qualityRow(t, "co-occurrence", e.cooccurrence());
        qualityRow(t, "popularity", e.popularity());
        out.print(t.render());
        out.println();
        out.println(String.format(Locale.ROOT, "Recommendations at cutoff %s: %s of %s users got up to %d of %s items"
                        + " (fit and rank in %.1f s)", r.options().cutoff(), Table.count(r.recommended()),
                Table.count(r.users()), r.options().top(), Table.count(r.items()), r.fitSeconds()));
        Table sample = new Table("Examples", "user", "items used", "top items (score)");
        for (UserRecommendations u : r.sample()) {
            List<String> items = new ArrayList<>();
            for (int k = 0; k < Math.min(5, u.itemIds().size()); k++) {
                items.add(String.format(Locale.ROOT, "%s (%.2f)", u.itemIds().get(k), u.scores()[k]));
            }
            sample.row(u.userId(), Table.count(u.historyItems()), String.join(", ", items));
        }
        out.print(sample.render());
        out.println();
        out.println("  Written to the table recommendations (" + Table.count(r.rows()) + " rows).");
    }

    private static void qualityRow(Table t, String model, HoldoutEvaluation.Quality q) {
        // No user to evaluate (a holdout without carts or purchases) leaves the rates undefined.
        boolean none = q.users() == 0;
        t.row(model, none ? "-" : Table.percent(q.hitRate()), none ? "-" : Table.percent(q.recall()),
                Table.count(q.users()));
    }

    static Map<String, Object> toJson(Evaluation e, RecommendRun.Result r) {
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("split", e.split());
        evaluation.put("holdout_days", r.options().holdoutDays());
        evaluation.put("k", RecommendRun.EVAL_K);
        evaluation.put("cooccurrence", quality(e.cooccurrence()));
        evaluation.put("popularity", quality(e.popularity()));
        evaluation.put("users", e.users());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", r.options().cutoff());
        m.put("top", r.options().top());
        m.put("config", r.options().config());
        m.put("evaluation", evaluation);
        m.put("users", r.users());
        m.put("items", r.items());
        m.put("recommended_users", r.recommended());
        m.put("rows", r.rows());
        m.put("fit_seconds", r.fitSeconds());
        m.put("sample", r.sample().stream().map(RecommendCommand::user).toList());
        return m;
    }

    private static Map<String, Object> quality(HoldoutEvaluation.Quality q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hit_rate_at_10", Double.isNaN(q.hitRate()) ? null : q.hitRate());
        m.put("recall_at_10", Double.isNaN(q.recall()) ? null : q.recall());
        return m;
    }

    private static Map<String, Object> user(UserRecommendations u) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int k = 0; k < u.itemIds().size(); k++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rank", k + 1);
            item.put("item_id", u.itemIds().get(k));
            item.put("score", u.scores()[k]);
            items.add(item);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", u.userId());
        m.put("history_items", u.historyItems());
        m.put("items", items);
        return m;
    }
}
