package io.pulse.cli;

import io.pulse.core.prediction.FeatureImportance;
import io.pulse.store.PulseStore;
import io.pulse.store.prediction.ModelStore;
import io.pulse.store.prediction.PredictRun;
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

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Scores every user with the probability of being active in the horizon after the",
                "scoring day (default: the last event's day). Trains the model on the labelled rows of",
                "every cutoff first (see pulse validate for how far to trust it), stores it with its",
                "metadata in the table models, and the scores in the table predictions. See docs/predict.md."},
        footer = {"", "Examples:",
                "  pulse predict",
                "  pulse predict --model logistic --label purchase --json predictions.json"})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Mixin
    PredictionOptions prediction;

    @Option(names = "--model", paramLabel = "xgboost|logistic|bgnbd", defaultValue = "xgboost",
            description = "The model (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--day", paramLabel = "DATE", description = "Scoring day: features up to its end (default: the last event's day).")
    LocalDate day;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the model's metadata and the top 100 users as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        try (PulseStore s = store.open()) {
            PredictRun.Result r = PredictRun.run(s, PredictionOptions.trainer(model),
                    new PredictRun.Options(prediction.data(), day, prediction.seed), TerminalProgress.forTerminal());
            print(r, Json.humanOut(json));
            if (json != null) {
                Json.write(json, toJson(r));
            }
        }
        return 0;
    }

    static void print(PredictRun.Result r, PrintStream out) {
        out.println();
        out.println("Model " + r.model().info().kind() + " trained on " + Table.count(r.training().rows()) + " rows at "
                + r.training().cutoffs().size() + " cutoffs (" + io.pulse.store.prediction.ValidationRun.describe(
                        r.training().cutoffs()) + "); predicts " + r.model().info().label());
        out.println("Scored " + Table.count(r.userIds().length) + " users at " + r.day() + ": expected active share "
                + Table.percent(r.expectedActiveShare()));
        out.println();
        Table f = new Table("What drives the score", "feature", "importance", "measure");
        for (FeatureImportance i : r.topFeatures()) {
            f.row(i.feature(), String.format(Locale.ROOT, "%.3f", i.importance()), i.measure());
        }
        out.print(f.render());
        out.println();
        int[] bands = new int[5];
        for (double p : r.scores()) {
            bands[Math.min(4, (int) (p * 5))]++;
        }
        Table b = new Table("Users by predicted probability", "probability", "users", "share");
        for (int i = 0; i < 5; i++) {
            b.row(String.format(Locale.ROOT, "%.1f–%.1f", i / 5.0, (i + 1) / 5.0), Table.count(bands[i]),
                    Table.percent((double) bands[i] / Math.max(1, r.scores().length)));
        }
        out.print(b.render());
        out.println();
        out.println("  Written to the tables predictions and models (kind = " + r.model().info().kind() + ").");
    }

    static Map<String, Object> toJson(PredictRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", ModelStore.toJson(r.model().info()));
        m.put("scored_at", r.day());
        m.put("users", r.userIds().length);
        m.put("expected_active_share", r.expectedActiveShare());
        m.put("top_features", r.topFeatures().stream().map(i -> Map.of("feature", i.feature(), "importance",
                i.importance(), "measure", i.measure())).toList());
        Integer[] order = new Integer[r.scores().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(r.scores()[b], r.scores()[a]));
        List<Map<String, Object>> top = new ArrayList<>();
        for (int i = 0; i < Math.min(100, order.length); i++) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("user_id", r.userIds()[order[i]]);
            u.put("probability", r.scores()[order[i]]);
            top.add(u);
        }
        m.put("top_users", top);
        return m;
    }
}
