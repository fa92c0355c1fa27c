package io.pulse.cli;

import io.pulse.generate.GenerationSummary;
import io.pulse.generate.GeneratorConfig;
import io.pulse.store.PulseStore;
import io.pulse.store.backtest.BacktestRun;
import io.pulse.store.tags.TagAuditRun;
import io.pulse.store.tags.TagDefinition;
import io.pulse.store.tags.TagDefinitions;
import io.pulse.store.tags.TagRun;
import io.pulse.store.tags.TagSet;
import io.pulse.store.tags.TagStore;
import io.pulse.store.activity.StoreActivity;
import io.pulse.store.activity.StoreActivity.ActivityAnalysis;
import io.pulse.store.clv.ClvModel;
import io.pulse.store.clv.ClvRun;
import io.pulse.store.clv.ClvUnit;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.ingest.Ingestor;
import io.pulse.store.segments.SegmentRun;
import io.pulse.store.prediction.PredictRun;
import io.pulse.store.actions.ActionRun;
import io.pulse.store.actions.RulesLoader;
import io.pulse.store.recommend.RecommendRun;
import io.pulse.store.thresholds.ThresholdRun;
import io.pulse.store.prediction.ValidationRun;
import io.pulse.core.prediction.BgNbdBaseline;
import io.pulse.core.prediction.LogisticRegression;
import io.pulse.ml.GradientBoostedTrees;
import io.pulse.server.api.ActivityJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole path on a realistic demo store, with nothing to prepare.",
                "Generate -> ingest into a DuckDB file -> activity analysis (tables, and JSON in the",
                "demo folder) -> customer features -> customer value (BG/NBD + Gamma-Gamma) ->",
                "segments and hidden-value opportunities (member lists in the demo folder) ->",
                "honest validation of activity prediction (60 s budget) -> a score for every user ->",
                "personal thresholds -> recommendations -> the default operation rules (dry run) ->",
                "a backtest of thresholds and of the past operations the generator simulated ->",
                "tags (the default set, stored) and an audit of the generated tag file -> the events",
                "replayed through the stream engine (alerts, online profiles and their actions, stored) ->",
                "the report (DIR/report/report.html and summary.md) -> the dashboard: pulse serve on",
                "http://127.0.0.1:PORT/ until Ctrl-C. Without a terminal (a script, CI) or with --no-serve it",
                "ends after the report and prints the command that serves the dashboard.",
                "Running it again reuses the generated data and the store (ingest is idempotent)."},
        footer = {"", "Examples:", "  pulse demo", "  pulse demo --dir pulse-demo --users 20000 --days 365 --port 9000",
                "  pulse demo --users 2000 --days 180 --no-serve"})
final class DemoCommand implements Callable<Integer> {

    /** Enough for the whole validation on the default store on a laptop; it trims folds on a slower machine. */
    private static final double DEMO_BUDGET_SECONDS = 60;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "pulse-demo",
            description = "Folder for the data, the store and the outputs (default ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    GeneratorOptions generator;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port for the dashboard (default ${DEFAULT-VALUE}; a free one is chosen when it is taken).")
    int port;

    @Option(names = "--no-serve", description = "End after the report instead of serving the dashboard.")
    boolean noServe;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        Path db = dir.resolve("pulse.duckdb");
        GeneratorConfig config = generator.config();

        System.out.println("[1/16] Generating a demo store: " + config.users() + " customers over " + config.days()
                + " days (seed " + config.seed() + ")");
        GenerationSummary generated = GenerateCommand.generate(config, data, System.out);

        System.out.println();
        System.out.println("[2/16] Ingesting into " + db);
        ActivityAnalysis analysis;
        SegmentRun.Result segments;
        ValidationRun.Result validation;
        BacktestRun.Result backtest;
        TagAuditRun.Result tagAudit;
        try (PulseStore store = PulseStore.open(db)) {
            IngestCommand.ingest(store, List.of(generated.eventsFile()), Ingestor.eventMapping("canonical"),
                    generated.usersFile(), Ingestor.userMapping("canonical"), null, PulseConfig.defaults(), System.out);
            IngestCommand.importActions(store, generated.actionsFile(), null, System.out);

            System.out.println();
            System.out.println("[3/16] Activity analysis");
            analysis = StoreActivity.analyze(store, io.pulse.core.activity.ActivityOptions.defaults(), ZoneId.of("UTC"));
            ActivityCommand.print(analysis, System.out);

            System.out.println();
            System.out.println("[4/16] Customer features at the last event date");
            java.time.LocalDate cutoff = FeatureTable.lastEventDay(store);
            FeaturesCommand.print(FeatureTable.build(store, cutoff), FeatureTable.describe(store), System.out);

            System.out.println();
            System.out.println("[5/16] Customer value: BG/NBD and Gamma-Gamma fitted up to " + cutoff + " (weeks)");
            ClvCommand.print(ClvRun.run(store, ClvRun.Options.defaults(ClvModel.BGNBD, cutoff, ClvUnit.WEEK)),
                    System.out);

            System.out.println();
            System.out.println("[6/16] Segments and hidden-value opportunities");
            segments = SegmentRun.run(store, SegmentRun.Options.defaults(cutoff, dir.resolve("segments")),
                    TerminalProgress.forTerminal());
            SegmentsCommand.print(segments, System.out);

            System.out.println();
            System.out.println("[7/16] Activity prediction: random K-fold vs time-series CV vs forward holdout, 60 s budget");
            ValidationRun.Options defaults = ValidationRun.Options.defaults(List.of(new GradientBoostedTrees(),
                    new LogisticRegression(), new BgNbdBaseline()));
            validation = ValidationRun.run(store, new ValidationRun.Options(defaults.data(), defaults.trainers(),
                    defaults.folds(), defaults.window(), defaults.timeSeriesFolds(), defaults.slidingCutoffs(),
                    defaults.holdoutCutoffs(), defaults.bootstrapRounds(), defaults.seed(), DEMO_BUDGET_SECONDS, 1, false),
                    TerminalProgress.forTerminal());
            ValidateCommand.print(validation, System.out);

            System.out.println();
            System.out.println("[8/16] Scoring every user: P(active in the next 30 days)");
            PredictCommand.print(PredictRun.run(store, new GradientBoostedTrees(), PredictRun.Options.defaults(),
                    TerminalProgress.forTerminal()), System.out);

            System.out.println();
            System.out.println("[9/16] Personal dormancy thresholds and engagement cuts");
            ThresholdsCommand.print(ThresholdRun.run(store, ThresholdRun.Options.defaults()), System.out);

            System.out.println();
            System.out.println("[10/16] Recommendations: item co-occurrence against popularity on the last 30 days");
            RecommendRun.Options recommend = RecommendRun.Options.defaults(cutoff);
            RecommendCommand.print(RecommendRun.evaluate(store, recommend),
                    RecommendRun.run(store, recommend, RecommendCommand.SAMPLE), System.out);

            System.out.println();
            System.out.println("[11/16] What the default operation rules would send (dry run; pulse actions --send sends)");
            ActionsCommand.print(ActionRun.run(store, RulesLoader.load(null), new ActionRun.Options(false, null,
                    java.time.Instant.now())), false, null, System.out);

            System.out.println();
            System.out.println("[12/16] Backtest: fixed vs personal thresholds on history, and the uplift of past operations");
            backtest = BacktestRun.run(store, BacktestRun.Options.defaults(), TerminalProgress.forTerminal());
            BacktestCommand.print(backtest, System.out);

            System.out.println();
            System.out.println("[13/16] Tags: the default tags stored as a version, then an audit of the generated tag file");
            List<TagDefinition> defaultTags = TagDefinitions.load(null);
            long started = System.nanoTime();
            TagSet tagSet = TagRun.compute(store, defaultTags, cutoff);
            int version = TagStore.store(store, tagSet, defaultTags);
            TagsCommand.Compute.print(tagSet, version, defaultTags, (System.nanoTime() - started) / 1e9, System.out);
            tagAudit = TagAuditRun.run(store, TagDefinitions.load(generated.tagsFile()), TagAuditRun.Options.defaults());
            TagsCommand.Audit.print(tagAudit, System.out);
            TagsCommand.Audit.store(store, tagAudit);
        }
        Json.write(dir.resolve("tag-audit.json"), TagsCommand.Audit.toJson(tagAudit));
        Json.write(dir.resolve("backtest.json"), BacktestCommand.toJson(backtest));
        Json.write(dir.resolve("validation.json"), ValidateCommand.toJson(validation));
        Json.write(dir.resolve("segments.json"), SegmentsCommand.toJson(segments));
        Path json = dir.resolve("activity.json");
        Json.write(json, ActivityJson.of(analysis));

        System.out.println();
        System.out.println("[14/16] Stream: the events replayed through the stream engine, with online profiles and"
                + " their actions, into the store");
        verb("stream", "--replay", generated.eventsFile().toString(), "--db", db.toString());

        System.out.println();
        System.out.println("[15/16] Report");
        Path report = dir.resolve("report");
        verb("report", "--db", db.toString(), "--out", report.toString());

        System.out.println();
        System.out.println("Done. Store: " + db + "   Analysis as JSON: " + json + ", " + dir.resolve("segments.json")
                + ", " + dir.resolve("validation.json") + ", " + dir.resolve("backtest.json") + ", "
                + dir.resolve("tag-audit.json") + "   Ground truth: " + generated.truthFile());
        System.out.println("Report: " + report.resolve("report.html") + "   Summary: " + report.resolve("summary.md"));
        boolean interactive = System.console() != null;
        if (noServe || !interactive) {
            System.out.println("Dashboard: pulse serve --db " + db + " --port " + port + "   then open http://127.0.0.1:"
                    + port + "/" + (noServe ? "" : "   (not started: no terminal to stop it with Ctrl-C)"));
            return 0;
        }
        System.out.println();
        System.out.println("[16/16] Dashboard (Ctrl-C stops it)");
        return verb("serve", "--db", db.toString(), "--port", String.valueOf(freeOr(port)));
    }

    /** Runs another verb as the command line would, so the demo does exactly what the verb does. */
    private static int verb(String... args) {
        int code = PulseMain.run(args);
        if (code != 0) {
            throw new IllegalStateException("'pulse " + String.join(" ", args) + "' failed with exit code " + code);
        }
        return code;
    }

    /** {@code port} when nothing listens on it, else 0 (any free port; serve prints the one it got). */
    private static int freeOr(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return port;
        } catch (IOException e) {
            System.out.println("Port " + port + " is taken; serving on a free one.");
            return 0;
        }
    }
}
