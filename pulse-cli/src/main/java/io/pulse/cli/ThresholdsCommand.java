package io.pulse.cli;

import io.pulse.core.thresholds.ActionEconomics;
import io.pulse.core.thresholds.EngagementCut;
import io.pulse.core.thresholds.ThresholdReason;
import io.pulse.store.PulseStore;
import io.pulse.store.thresholds.ThresholdRun;
import io.pulse.store.thresholds.ThresholdRun.SegmentThresholds;
import io.pulse.store.thresholds.ThresholdRun.UserThreshold;
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

@Command(name = "thresholds", mixinStandardHelpOptions = true,
        description = {"Personal thresholds for every user: how many days of silence are unusual for them",
                "(their own gaps between active days, shrunk toward their segment's when they have few),",
                "and the cut on the predicted probability of activity below which acting on them pays.",
                "Segments are the clusters of 'pulse segments' (else everyone is one segment); the",
                "probabilities are the latest 'pulse predict' scores (else no engagement cut).",
                "Writes the table thresholds. See docs/thresholds.md."},
        footer = {"", "Examples:",
                "  pulse thresholds",
                "  pulse thresholds --quantile 0.9 --action-cost 2 --retained-value 80 --json thresholds.json"})
final class ThresholdsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--cutoff", paramLabel = "DATE", description = "Last day whose events count (default: the last event's day).")
    LocalDate cutoff;

    @Option(names = "--quantile", paramLabel = "Q", defaultValue = "0.95",
            description = "Share of a user's gaps a silence must exceed to be unusual (default ${DEFAULT-VALUE}).")
    double quantile;

    @Option(names = "--action-cost", paramLabel = "C", defaultValue = "1",
            description = "Cost of acting on one customer (default ${DEFAULT-VALUE}).")
    double actionCost;

    @Option(names = "--retained-value", paramLabel = "V", defaultValue = "50",
            description = "Value of a customer kept who would have been lost, same money (default ${DEFAULT-VALUE}).")
    double retainedValue;

    @Option(names = "--uplift", paramLabel = "U", defaultValue = "0.1",
            description = "Share of would-be-lost customers an action saves (default ${DEFAULT-VALUE}).")
    double uplift;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write segments and example users as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        ThresholdRun.Options options = new ThresholdRun.Options(cutoff, quantile,
                new ActionEconomics(actionCost, retainedValue, uplift));
        try (PulseStore s = store.open()) {
            ThresholdRun.Result result = ThresholdRun.run(s, options);
            print(result, Json.humanOut(json));
            if (json != null) {
                Json.write(json, toJson(result));
            }
        }
        return 0;
    }

    static void print(ThresholdRun.Result r, PrintStream out) {
        ActionEconomics e = r.options().economics();
        out.println();
        out.println("Thresholds of " + Table.count(r.users()) + " users at cutoff " + r.cutoff());
        out.println("  dormancy: the " + ThresholdReason.percentile(r.options().quantile())
                + " percentile of each user's next gap (log-normal, shrunk toward their segment)");
        out.println(r.prediction() == null
                ? "  engagement: no predictions in the store; run 'pulse predict' for an engagement cut"
                : String.format(Locale.ROOT, "  engagement: %s scores of %s; act when u (1 - p) v > c with c = %s,"
                        + " v = %s, u = %s (break-even p = %.3f)", r.prediction().model(), r.prediction().scoredAt(),
                        number(e.cost()), number(e.retainedValue()), number(e.uplift()), e.breakEvenProbability()));
        out.println();
        Table t = new Table("Segments", "segment", "users", "segment threshold", "median personal", "beyond now",
                "prior", "engagement cut", "acted on", "expected value");
        for (SegmentThresholds s : r.segments()) {
            EngagementCut c = s.engagement();
            t.row(s.segment(), Table.count(s.users()), days(s.segmentThresholdDays()), days(s.medianThresholdDays()),
                    Table.percent(s.shareBeyond()), s.ownPrior() ? "own" : "all users",
                    c == null ? "" : String.format(Locale.ROOT, "%.3f", c.cut()),
                    c == null ? "" : Table.count(c.acted()), c == null ? "" : number(c.expectedValue()));
        }
        out.print(t.render());
        out.println();
        out.println("Examples");
        for (UserThreshold u : r.examples()) {
            out.println("  " + u.userId() + " (" + u.segment() + "): " + u.reason());
        }
        out.println();
        out.println("  Written to the table thresholds.");
    }

    static Map<String, Object> toJson(ThresholdRun.Result r) {
        ActionEconomics e = r.options().economics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", r.cutoff());
        m.put("users", r.users());
        m.put("quantile", r.options().quantile());
        m.put("action_cost", e.cost());
        m.put("retained_value", e.retainedValue());
        m.put("uplift", e.uplift());
        m.put("prediction", r.prediction() == null ? null
                : Map.of("model", r.prediction().model(), "scored_at", r.prediction().scoredAt()));
        m.put("segments", r.segments().stream().map(ThresholdsCommand::segment).toList());
        m.put("examples", r.examples().stream().map(ThresholdsCommand::user).toList());
        return m;
    }

    private static Map<String, Object> segment(SegmentThresholds s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment", s.segment());
        m.put("users", s.users());
        m.put("prior", Map.of("mu0", s.prior().mu0(), "tau0_squared", s.prior().tau0Squared(),
                "sigma_squared", s.prior().sigmaSquared(), "users_with_gaps", s.prior().users(),
                "fitted_on", s.ownPrior() ? "segment" : "all users"));
        m.put("segment_threshold_days", finite(s.segmentThresholdDays()));
        m.put("median_threshold_days", finite(s.medianThresholdDays()));
        m.put("share_beyond_threshold", s.shareBeyond());
        EngagementCut c = s.engagement();
        m.put("engagement_threshold", c == null ? null : c.cut());
        m.put("acted_on", c == null ? null : c.acted());
        m.put("expected_value", c == null ? null : c.expectedValue());
        return m;
    }

    private static Map<String, Object> user(UserThreshold u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", u.userId());
        m.put("segment", u.segment());
        m.put("active_days", u.activeDays());
        m.put("own_median_gap_days", finite(u.ownMedianGapDays()));
        m.put("dormancy_threshold_days", finite(u.dormancy().days()));
        m.put("weight_on_own_gaps", u.dormancy().weight());
        m.put("days_since_last_active", u.daysSinceLastActive());
        m.put("beyond_threshold", u.beyondThreshold());
        m.put("engagement_threshold", finite(u.engagementCut()));
        m.put("probability", finite(u.probability()));
        m.put("reason", u.reason());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String days(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.1f d", d);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
