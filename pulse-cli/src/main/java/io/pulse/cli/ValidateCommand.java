package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.validation.BinaryMetrics;
import io.pulse.core.validation.CalibrationBin;
import io.pulse.core.validation.Interval;
import io.pulse.core.validation.TimeSeriesCv;
import io.pulse.store.PulseStore;
import io.pulse.store.prediction.CostCalculator.Estimate;
import io.pulse.store.prediction.LabelledData;
import io.pulse.store.prediction.ValidationRun;
import io.pulse.store.prediction.ValidationRun.ModelResult;
import io.pulse.store.prediction.ValidationRun.SchemeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"How far can a prediction of next month's activity be trusted? Builds user-cutoff",
                "rows (features up to each cutoff, label = active in the horizon after it) and scores",
                "each model three ways side by side: random K-fold over all rows (the common mistake,",
                "kept to show the gap), time-series CV over cutoffs with a one-horizon gap, and the",
                "forward holdout on the latest cutoff (what production sees). Prints ROC AUC, PR AUC,",
                "accuracy, log-loss and Brier with bootstrap intervals, the optimism gap and a verdict.",
                "Estimates the cost of every scheme first from a measured calibration run, and compares.",
                "See docs/validate.md."},
        footer = {"", "Examples:",
                "  pulse validate",
                "  pulse validate --models xgboost --budget 60s --json validation.json",
                "  pulse validate --estimate-only --scale 10      # what 10x the users would cost"})
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Mixin
    PredictionOptions prediction;

    @Option(names = "--models", paramLabel = "LIST", defaultValue = "xgboost,logistic,bgnbd",
            description = "Models to validate; the first is the headline (default ${DEFAULT-VALUE}).")
    String models;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Random K-fold folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--window", paramLabel = "expanding|sliding", defaultValue = "expanding",
            description = "Time-series CV training window (default ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--ts-folds", paramLabel = "N", defaultValue = "4", description = "Time-series CV test cutoffs (default ${DEFAULT-VALUE}).")
    int tsFolds;

    @Option(names = "--sliding", paramLabel = "N", defaultValue = "6", description = "Training cutoffs of a sliding window (default ${DEFAULT-VALUE}).")
    int sliding;

    @Option(names = "--holdout", paramLabel = "N", defaultValue = "1", description = "Latest cutoffs held out (default ${DEFAULT-VALUE}).")
    int holdout;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "200", description = "Bootstrap rounds of the intervals (default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--budget", paramLabel = "TIME", description = "Wall-time budget of the fits, e.g. 60s or 5m: fewer folds, then a sample.")
    String budget;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "1", description = "Estimate as if there were X times the rows (with --estimate-only).")
    double scale;

    @Option(names = "--estimate-only", description = "Print the cost estimate and stop.")
    boolean estimateOnly;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the results as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        TimeSeriesCv.Window w = switch (window.toLowerCase(Locale.ROOT)) {
            case "expanding" -> TimeSeriesCv.Window.EXPANDING;
            case "sliding" -> TimeSeriesCv.Window.SLIDING;
            default -> throw new PulseInputException("--window", 0, "window", "expected expanding or sliding, got '"
                    + window + "'");
        };
        if (scale != 1 && !estimateOnly) {
            throw new PulseInputException("--scale", 0, "scale", "--scale only makes sense with --estimate-only");
        }
        ValidationRun.Options o = new ValidationRun.Options(prediction.data(), PredictionOptions.trainers(models), folds,
                w, tsFolds, sliding, holdout, bootstrap, prediction.seed, budget == null ? null : seconds(budget), scale,
                estimateOnly);
        try (PulseStore s = store.open()) {
            ValidationRun.Result r = ValidationRun.run(s, o, TerminalProgress.forTerminal());
            print(r, Json.humanOut(json));
            if (json != null) {
                Json.write(json, toJson(r));
            }
        }
        return 0;
    }

    /** "60s", "5m", "1h" or a bare number of seconds. */
    static double seconds(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double unit = 1;
        if (t.endsWith("ms")) {
            unit = 0.001;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s") || t.endsWith("m") || t.endsWith("h")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> 1;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t) * unit;
            if (!(v > 0)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new PulseInputException("--budget", 0, "budget", "expected a time such as 60s, 5m or 90, got '"
                    + text + "'");
        }
    }

    static void print(ValidationRun.Result r, PrintStream out) {
        LabelledData.Summary d = r.data();
        long positives = java.util.Arrays.stream(d.positivesPerCutoff()).sum();
        out.println();
        out.println("Labelled rows: " + Table.count(d.rows()) + " at " + d.cutoffs().size() + " cutoffs ("
                + ValidationRun.describe(d.cutoffs()) + ", every " + d.options().everyDays() + " days); label: "
                + d.options().label().describe(d.options().horizonDays()) + "; "
                + Table.percent((double) positives / Math.max(1, d.rows())) + " active");
        out.println();
        Table c = new Table(String.format(Locale.ROOT, "Cost estimate%s (calibrated on this machine in %.1f s)",
                r.options().rowScale() == 1 ? "" : String.format(Locale.ROOT, " at %.0f× the rows", r.options().rowScale()),
                r.plan().calibrationSeconds()), "model", "scheme", "fits", "train rows", "est. wall s", "est. CPU s");
        for (Estimate e : r.plan().estimates()) {
            c.row(e.model(), e.scheme(), e.fits(), Table.count(e.trainRows()), num1(e.seconds()), num1(e.cpuSeconds()));
        }
        c.row("total", "", "", "", num1(r.plan().estimatedSeconds()), num1(r.plan().estimatedCpuSeconds()));
        out.print(c.render());
        out.println("  Plan: " + r.plan().choice() + ".");
        if (r.models().isEmpty()) {
            return;
        }
        out.println();
        Table t = new Table("Results (each scheme's test predictions pooled; 95% bootstrap intervals)", "model", "scheme",
                "folds", "test rows", "ROC AUC", "95% interval", "PR AUC", "accuracy", "log-loss", "Brier", "est. s",
                "actual s", "CPU s");
        for (ModelResult m : r.models()) {
            for (SchemeResult s : m.schemes().values()) {
                BinaryMetrics x = s.metrics();
                Interval auc = s.intervals().rocAuc();
                t.row(s.model(), s.scheme(), s.folds(), Table.count(s.testRows()), num3(x.rocAuc()),
                        num3(auc.low()) + "–" + num3(auc.high()), num3(x.prAuc()), num3(x.accuracy()),
                        num3(x.logLoss()), num3(x.brier()), num1(s.estimatedSeconds()), num1(s.seconds()),
                        num1(s.cpuSeconds()));
            }
        }
        out.print(t.render());
        out.println(String.format(Locale.ROOT, "  Estimated %.1f s, took %.1f s (%.1f CPU s).",
                r.plan().estimatedSeconds(), r.seconds(), r.cpuSeconds()));
        out.println();
        for (ModelResult m : r.models()) {
            out.println("Verdict (" + m.model() + "): " + m.verdict().verdict());
        }
        ModelResult head = r.models().get(0);
        SchemeResult holdout = head.schemes().get(io.pulse.core.validation.ForwardHoldout.ID);
        if (holdout != null && holdout.folds() > 0) {
            out.println();
            Table cal = new Table("Calibration of " + head.model() + " on the forward holdout", "predicted", "rows",
                    "mean predicted", "observed active");
            for (CalibrationBin b : holdout.metrics().calibration()) {
                cal.row(String.format(Locale.ROOT, "%.1f–%.1f", b.lower(), b.upper()), Table.count(b.count()),
                        num3(b.meanPredicted()), num3(b.observedRate()));
            }
            out.print(cal.render());
        }
        out.println();
        out.println("  Written to the table validation_results.");
    }

    private static String num1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "";
    }

    private static String num3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }

    static Map<String, Object> toJson(ValidationRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        LabelledData.Summary d = r.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rows", d.rows());
        data.put("cutoffs", d.cutoffs());
        data.put("rows_per_cutoff", d.rowsPerCutoff());
        data.put("active_per_cutoff", d.positivesPerCutoff());
        data.put("label", d.options().label().describe(d.options().horizonDays()));
        data.put("horizon_days", d.options().horizonDays());
        m.put("data", data);
        if (!r.models().isEmpty()) {
            ModelResult head = r.models().get(0);
            m.put("model", head.model());
            m.put("schemes", schemes(head));
            m.put("optimism_gap", finite(head.verdict().optimismGap()));
            m.put("time_series_cv_gap", finite(head.verdict().timeSeriesCvGap()));
            m.put("trust", head.verdict().trust());
            m.put("verdict", head.verdict().verdict());
            Map<String, Object> all = new LinkedHashMap<>();
            for (ModelResult mr : r.models()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("schemes", schemes(mr));
                one.put("optimism_gap", finite(mr.verdict().optimismGap()));
                one.put("verdict", mr.verdict().verdict());
                all.put(mr.model(), one);
            }
            m.put("models", all);
        }
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("estimated_s", r.plan().estimatedSeconds());
        cost.put("estimated_cpu_s", r.plan().estimatedCpuSeconds());
        cost.put("actual_s", r.models().isEmpty() ? null : r.seconds());
        cost.put("actual_cpu_s", r.models().isEmpty() ? null : r.cpuSeconds());
        cost.put("calibration_s", r.plan().calibrationSeconds());
        cost.put("row_scale", r.options().rowScale());
        cost.put("budget_s", r.options().budgetSeconds());
        cost.put("folds", r.plan().folds());
        cost.put("time_series_folds", r.plan().timeSeriesFolds());
        cost.put("sample_fraction", r.plan().sampleFraction());
        cost.put("plan", r.plan().choice());
        List<Map<String, Object>> estimates = r.plan().estimates().stream().map(e -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("model", e.model());
            one.put("scheme", e.scheme());
            one.put("fits", e.fits());
            one.put("train_rows", e.trainRows());
            one.put("estimated_s", e.seconds());
            one.put("estimated_cpu_s", e.cpuSeconds());
            return one;
        }).toList();
        cost.put("estimates", estimates);
        m.put("cost", cost);
        return m;
    }

    private static Map<String, Object> schemes(ModelResult mr) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SchemeResult s : mr.schemes().values()) {
            BinaryMetrics x = s.metrics();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("auc", finite(x.rocAuc()));
            one.put("auc_interval", interval(s.intervals().rocAuc()));
            one.put("pr_auc", finite(x.prAuc()));
            one.put("accuracy", finite(x.accuracy()));
            one.put("log_loss", finite(x.logLoss()));
            one.put("brier", finite(x.brier()));
            Map<String, Object> intervals = new LinkedHashMap<>();
            s.intervals().byName().forEach((k, v) -> intervals.put(k, interval(v)));
            one.put("intervals", intervals);
            one.put("folds", s.folds());
            one.put("train_rows", s.trainRows());
            one.put("test_rows", s.testRows());
            one.put("positive_rate", x.positiveRate());
            one.put("calibration", x.calibration().stream().map(b -> {
                Map<String, Object> bin = new LinkedHashMap<>();
                bin.put("lower", b.lower());
                bin.put("upper", b.upper());
                bin.put("count", b.count());
                bin.put("mean_predicted", b.meanPredicted());
                bin.put("observed_rate", b.observedRate());
                return bin;
            }).toList());
            one.put("splits", s.splits().stream().map(sp -> {
                Map<String, Object> split = new LinkedHashMap<>();
                split.put("name", sp.name());
                split.put("train_rows", sp.train().length);
                split.put("test_rows", sp.test().length);
                split.put("train_cutoffs", ValidationRun.describe(sp.trainCutoffs()));
                split.put("test_cutoffs", ValidationRun.describe(sp.testCutoffs()));
                return split;
            }).toList());
            one.put("estimated_s", s.estimatedSeconds());
            one.put("actual_s", s.seconds());
            one.put("cpu_s", s.cpuSeconds());
            out.put(s.scheme(), one);
        }
        return out;
    }

    private static List<Double> interval(Interval i) {
        return java.util.Arrays.asList(finite(i.low()), finite(i.high()));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
