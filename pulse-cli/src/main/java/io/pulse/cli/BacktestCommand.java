package io.pulse.cli;

import io.pulse.core.backtest.CatchScore;
import io.pulse.core.backtest.ThresholdComparison;
import io.pulse.core.backtest.ThresholdComparison.CurvePoint;
import io.pulse.core.backtest.Uplift;
import io.pulse.store.PulseStore;
import io.pulse.store.backtest.BacktestRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replays history to judge the thresholds and the operations.",
                "Thresholds: on cutoffs every --every days, from what was known on each day only, the best",
                "fixed dormancy threshold for everyone (searched by F1) against personal churn risk at the",
                "same number of actions: precision, recall, F1 and median lead time for catching the users",
                "who then stay silent for --churn-days.",
                "Operations: every sent or held-out action in the outbox whose --window has passed, treated",
                "against control per rule: retention and revenue with 95% intervals.",
                "Writes the tables backtest_policies and backtest_uplift. See docs/backtest.md."},
        footer = {"", "Examples:",
                "  pulse backtest",
                "  pulse backtest --churn-days 90 --cutoffs 10 --every 7 --json backtest.json"})
final class BacktestCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--cutoff", paramLabel = "DATE",
            description = "Last threshold cutoff (default: the last day with --churn-days of events after it).")
    LocalDate cutoff;

    @Option(names = "--cutoffs", paramLabel = "N", defaultValue = "6",
            description = "Threshold cutoffs to replay (default ${DEFAULT-VALUE}).")
    int cutoffs;

    @Option(names = "--every", paramLabel = "DAYS", defaultValue = "14",
            description = "Days between cutoffs (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--churn-days", paramLabel = "DAYS", defaultValue = "60",
            description = "Silence after a cutoff that counts as churn (default ${DEFAULT-VALUE}).")
    int churnDays;

    @Option(names = "--window", paramLabel = "DAYS", defaultValue = "30",
            description = "Days after an action in which its effect is measured (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--quantile", paramLabel = "Q", defaultValue = "0.95",
            description = "Quantile of the personal dormancy thresholds scored on their own (default ${DEFAULT-VALUE}).")
    double quantile;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the revenue bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the results as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        BacktestRun.Options options = new BacktestRun.Options(cutoff, cutoffs, every, churnDays, window, quantile, seed);
        try (PulseStore s = store.open()) {
            BacktestRun.Result result = BacktestRun.run(s, options, TerminalProgress.forTerminal());
            print(result, Json.humanOut(json));
            if (json != null) {
                Json.write(json, toJson(result));
            }
        }
        return 0;
    }

    static void print(BacktestRun.Result r, PrintStream out) {
        ThresholdComparison.Result t = r.thresholds();
        out.println();
        if (t == null) {
            out.println("Thresholds: no cutoff has " + r.options().churnDays() + " days of events after it and "
                    + "four weeks before it; nothing to replay.");
        } else {
            out.println("Thresholds on " + t.cutoffs() + " cutoffs (" + r.cutoffs().get(0) + " to "
                    + r.cutoffs().get(r.cutoffs().size() - 1) + "): " + Table.count(t.usersAtRisk())
                    + " users at risk, " + Table.count(t.churners()) + " then silent for " + t.horizonDays() + " days");
            Table table = new Table("Catching churners", "policy", "rule", "actions", "precision", "recall", "F1",
                    "median lead");
            CatchScore f = t.fixed().score();
            table.row("fixed (best)", "silent > " + t.fixed().thresholdDays() + " d", Table.count(f.actions()),
                    Table.percent(f.precision()), Table.percent(f.recall()), ratio(f.f1()), lead(f));
            CatchScore p = t.personal().score();
            table.row("personal, same actions", String.format(Locale.ROOT, "churn risk > %.3f", t.personal().riskCut()),
                    Table.count(p.actions()), Table.percent(p.precision()), Table.percent(p.recall()), ratio(p.f1()),
                    lead(p));
            CatchScore b = t.beyondThreshold().score();
            table.row("beyond own threshold", "silence > own p" + Math.round(100 * t.beyondThreshold().quantile()),
                    Table.count(b.actions()), Table.percent(b.precision()), Table.percent(b.recall()), ratio(b.f1()),
                    lead(b));
            out.print(table.render());
            out.println(verdict(t));
            out.println();
            Table curve = new Table("F1 at equal actions", "actions of", "actions", "fixed F1", "personal F1");
            for (CurvePoint c : t.curve()) {
                curve.row("silent > " + c.thresholdDays() + " d", Table.count(c.actions()), ratio(c.fixedF1()),
                        ratio(c.personalF1()));
            }
            out.print(curve.render());
        }
        out.println();
        if (r.uplift().isEmpty()) {
            out.println("Operations: no sent or held-out action in the outbox has " + r.options().windowDays()
                    + " days of events after it yet" + (r.pendingActions() > 0
                    ? " (" + Table.count(r.pendingActions()) + " still waiting)." : "."));
        } else {
            Table u = new Table("Uplift over " + r.options().windowDays() + " days (95% intervals)", "rule", "action",
                    "treated", "control", "retained T", "retained C", "difference", "interval", "revenue/user diff",
                    "interval ");
            for (Uplift x : r.uplift()) {
                u.row(x.rule(), x.action(), Table.count(x.treated()), Table.count(x.control()),
                        Table.percent(x.treatedRetention()), Table.percent(x.controlRetention()),
                        points(x.retentionDiff()), "[" + points(x.ciLow()) + ", " + points(x.ciHigh()) + "]",
                        money(x.revenueDiff()), "[" + money(x.revenueCiLow()) + ", " + money(x.revenueCiHigh()) + "]");
            }
            out.print(u.render());
            for (Uplift x : r.uplift()) {
                out.println("  " + x.rule() + ": " + upliftVerdict(x));
            }
            if (r.pendingActions() > 0) {
                out.println("  " + Table.count(r.pendingActions()) + " more actions wait for their window to pass"
                        + " (or were never sent).");
            }
        }
        out.println();
        out.println("  Written to the tables backtest_policies and backtest_uplift.");
    }

    static String verdict(ThresholdComparison.Result t) {
        double fixed = t.fixed().score().f1();
        double personal = t.personal().score().f1();
        if (personal > fixed) {
            return String.format(Locale.ROOT, "  Personal thresholds catch %s more churners with the same %s actions"
                    + " (F1 %.3f vs %.3f).", Table.count(t.personal().score().caught() - t.fixed().score().caught()),
                    Table.count(t.fixed().score().actions()), personal, fixed);
        }
        return String.format(Locale.ROOT, "  On this history one fixed threshold does as well as personal ones"
                + " (F1 %.3f vs %.3f): rhythms differ little between users.", fixed, personal);
    }

    static String upliftVerdict(Uplift x) {
        if (x.treated() == 0 || x.control() == 0) {
            return "no " + (x.treated() == 0 ? "treated" : "control") + " users with a complete window: nothing to compare.";
        }
        if (x.ciLow() > 0) {
            return String.format(Locale.ROOT, "kept %.1f points more of its users (%s to %s): it works.",
                    100 * x.retentionDiff(), points(x.ciLow()), points(x.ciHigh()));
        }
        if (x.ciHigh() < 0) {
            return String.format(Locale.ROOT, "kept %.1f points fewer of its users (%s to %s): it drives them away.",
                    -100 * x.retentionDiff(), points(x.ciLow()), points(x.ciHigh()));
        }
        return String.format(Locale.ROOT, "no clear effect (%s to %s); %s control users so far.",
                points(x.ciLow()), points(x.ciHigh()), Table.count(x.control()));
    }

    static Map<String, Object> toJson(BacktestRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoffs", r.cutoffs());
        m.put("churn_days", r.options().churnDays());
        m.put("window_days", r.options().windowDays());
        ThresholdComparison.Result t = r.thresholds();
        if (t != null) {
            m.put("users_at_risk", t.usersAtRisk());
            m.put("churners", t.churners());
            Map<String, Object> fixed = score(t.fixed().score());
            fixed.put("threshold_days", t.fixed().thresholdDays());
            m.put("fixed", reorder(fixed, "threshold_days"));
            Map<String, Object> personal = score(t.personal().score());
            personal.put("risk_cut", finite(t.personal().riskCut()));
            m.put("dynamic", reorder(personal, "risk_cut"));
            Map<String, Object> beyond = score(t.beyondThreshold().score());
            beyond.put("quantile", t.beyondThreshold().quantile());
            m.put("beyond_threshold", reorder(beyond, "quantile"));
            m.put("curve", t.curve().stream().map(c -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("threshold_days", c.thresholdDays());
                p.put("actions", c.actions());
                p.put("fixed_f1", c.fixedF1());
                p.put("dynamic_f1", c.personalF1());
                return p;
            }).toList());
        } else {
            m.put("fixed", null);
            m.put("dynamic", null);
        }
        m.put("uplift", r.uplift().stream().map(BacktestCommand::uplift).toList());
        m.put("followed_up_actions", r.followedUpActions());
        m.put("pending_actions", r.pendingActions());
        return m;
    }

    private static Map<String, Object> score(CatchScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", s.precision());
        m.put("recall", s.recall());
        m.put("f1", s.f1());
        m.put("actions", s.actions());
        m.put("caught", s.caught());
        m.put("median_lead_days", finite(s.medianLeadDays()));
        return m;
    }

    /** Puts {@code first} at the front, where a reader looks for what the policy was. */
    private static Map<String, Object> reorder(Map<String, Object> m, String first) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(first, m.get(first));
        m.forEach((k, v) -> out.putIfAbsent(k, v));
        return out;
    }

    private static Map<String, Object> uplift(Uplift x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", x.rule());
        m.put("action", x.action());
        m.put("treated", x.treated());
        m.put("control", x.control());
        m.put("treated_retention", finite(x.treatedRetention()));
        m.put("control_retention", finite(x.controlRetention()));
        m.put("retention_diff", finite(x.retentionDiff()));
        m.put("ci_low", finite(x.ciLow()));
        m.put("ci_high", finite(x.ciHigh()));
        m.put("won_back_share", finite(x.wonBackShare()));
        m.put("treated_revenue_per_user", finite(x.treatedRevenue()));
        m.put("control_revenue_per_user", finite(x.controlRevenue()));
        m.put("revenue_diff", finite(x.revenueDiff()));
        m.put("revenue_ci_low", finite(x.revenueCiLow()));
        m.put("revenue_ci_high", finite(x.revenueCiHigh()));
        m.put("level", x.level());
        m.put("significant", x.significant());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String lead(CatchScore s) {
        return Double.isNaN(s.medianLeadDays()) ? "" : String.format(Locale.ROOT, "%.0f d", s.medianLeadDays());
    }

    /** A difference of shares in percentage points. */
    private static String points(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%+.1f pt", 100 * v);
    }

    private static String money(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%+,.2f", v);
    }
}
