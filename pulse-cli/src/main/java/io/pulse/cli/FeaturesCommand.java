package io.pulse.cli;

import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.features.FeatureTable.ColumnStats;
import io.pulse.store.features.FeatureTable.FeatureSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Builds one row of features per user known at a cutoff day, as the table 'features'.",
                "Recency, frequency, monetary value, tenure, purchase and session rates, browse time,",
                "browse-to-buy, category breadth, activity trend and user attributes; only events on or",
                "before the cutoff (UTC) are read, so later data never leaks in. See docs/features.md."},
        footer = {"", "Examples:",
                "  pulse features",
                "  pulse features --cutoff 2025-09-30 --export features.parquet --json features.json"})
final class FeaturesCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--cutoff", paramLabel = "DATE", description = "Last day whose events count (default: the last event's day).")
    LocalDate cutoff;

    @Option(names = "--export", paramLabel = "FILE", description = "Also write the table to FILE (.parquet or .csv).")
    Path export;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write a summary with five sample rows as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        try (PulseStore s = store.open()) {
            LocalDate day = store.cutoffOrLastEventDay(s, cutoff);
            FeatureSummary summary = FeatureTable.build(s, day);
            print(summary, FeatureTable.describe(s), Json.humanOut(json));
            if (export != null) {
                FeatureTable.export(s, export);
                Json.humanOut(json).println("  Exported to " + export + ".");
            }
            if (json != null) {
                Json.write(json, toJson(summary, FeatureTable.sample(s, 5)));
            }
        }
        return 0;
    }

    static void print(FeatureSummary summary, List<ColumnStats> stats, PrintStream out) {
        out.println();
        out.println("Features of " + Table.count(summary.users()) + " users at cutoff " + summary.cutoff() + " ("
                + summary.columns().size() + " columns in table '" + FeatureTable.TABLE + "', built in "
                + String.format("%.2f", summary.seconds()) + " s)");
        out.println();
        Table t = new Table(null, "feature", "count", "mean", "median", "p90");
        for (ColumnStats c : stats) {
            t.row(c.column(), Table.count(c.count()), number(c.mean()), number(c.median()), number(c.p90()));
        }
        out.print(t.render());
        out.println();
    }

    private static String number(Double v) {
        return v == null ? "" : String.format("%.2f", v);
    }

    static Map<String, Object> toJson(FeatureSummary summary, List<Map<String, Object>> sample) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", summary.cutoff());
        m.put("users", summary.users());
        m.put("columns", summary.columns());
        m.put("table", FeatureTable.TABLE);
        m.put("sample", sample);
        return m;
    }
}
