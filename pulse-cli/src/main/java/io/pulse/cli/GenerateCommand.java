package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.generate.GenerationSummary;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a realistic synthetic store: events.csv, users.csv, actions.csv, truth.json.",
                "truth.json says what was planted.",
                "Seasonality, holidays, segments (including a hidden-value group), churn and reactivation,",
                "drift and one-off referrer spikes. The same seed gives the same bytes.",
                "actions.csv: the store's own past campaigns, a dormant-coupon and a low-engagement-winback",
                "every 14 days with 10%% held out as control; treated users come back with the --uplift",
                "or --winback-uplift chance, so that pulse backtest can measure the effect."},
        footer = {"", "Example: pulse generate --users 20000 --days 365 --seed 42 --out demo-data"})
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    GeneratorOptions generator;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "pulse-data",
            description = "Folder to write into (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON (- for standard output).")
    Path json;

    @Override
    public Integer call() {
        GeneratorConfig config = generator.config();
        GenerationSummary summary = generate(config, out, System.out);
        if (json != null) {
            Json.write(json, toJson(summary, out));
        }
        return 0;
    }

    static GenerationSummary generate(GeneratorConfig config, Path out, PrintStream print) {
        GenerationSummary summary;
        try {
            summary = StoreGenerator.generate(config, out, TerminalProgress.forTerminal());
        } catch (IOException e) {
            throw new PulseInputException(out.toString(), "cannot write the generated store: " + e.getMessage());
        }
        Table t = new Table("Generated store in " + out + " (seed " + config.seed() + ", " + config.start() + " .. "
                + config.end().minusDays(1) + ")", "what", "count");
        t.row("users", Table.count(summary.users()));
        t.row("events", Table.count(summary.events()));
        t.row("purchases", Table.count(summary.purchases()));
        t.row("revenue", String.format("%,.2f", summary.revenue()));
        summary.usersBySegment().forEach((segment, n) -> t.row("  segment " + segment, Table.count(n)));
        print.print(t.render());
        return summary;
    }

    static Map<String, Object> toJson(GenerationSummary s, Path out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", s.users());
        m.put("events", s.events());
        m.put("purchases", s.purchases());
        m.put("revenue", s.revenue());
        m.put("out", out.toString());
        m.put("users_by_segment", s.usersBySegment());
        return m;
    }
}
