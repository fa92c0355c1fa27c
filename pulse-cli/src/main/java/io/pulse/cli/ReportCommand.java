package io.pulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pulse.core.PulseInputException;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.PulseJson;
import io.pulse.server.api.ActivityJson;
import io.pulse.server.dashboard.DashboardRoutes;
import io.pulse.server.api.StoredRuns;
import io.pulse.store.PulseStore;
import io.pulse.store.activity.StoreActivity;
import io.pulse.store.views.StoreReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One self-contained HTML page and a Markdown summary of what the store has computed. It reads the same tables
 * and the same activity JSON as {@code pulse serve}, so the page and the API agree; it runs no analysis of its own
 * beyond activity (which is never stored).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes DIR/report.html (one file, charts inline, no network needed to open it) and",
                "DIR/summary.md (the findings and the recommended operations) from what the store has computed.",
                "A section whose analysis has not run names the verb to run."},
        footer = {"", "Example: pulse report --db pulse-demo/pulse.duckdb --out pulse-demo/report"})
final class ReportCommand implements Callable<Integer> {

    /** The same ECharts file the dashboard serves. */
    static final String ECHARTS = DashboardRoutes.ECHARTS;
    private static final String TEMPLATE = "report.html";
    /** Redundant pairs named in the tags section. */
    static final int TOP_PAIRS = 5;
    /** Alerts of the stream run the page carries; the sustained ones come first, and they are few. */
    static final int STREAM_ALERTS = 100;

    @Mixin
    StoreOptions store;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "pulse-report",
            description = "Folder for report.html and summary.md (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PulseConfig config = store.config();
        Map<String, Object> data;
        try (PulseStore s = store.open(); StoreReader r = new StoreReader(s)) {
            if (s.eventCount() == 0) {
                throw new PulseInputException(store.db.toString(), "the store has no events: run 'pulse ingest FILE'"
                        + " first (or 'pulse demo')");
            }
            var analysis = StoreActivity.analyze(s, ActivityOptions.defaults().withDefinition(config.definition())
                    .withBand(config.band()), config.zoneId());
            data = data(ActivityJson.overview(analysis, Map.of()), r);
        }
        Files.createDirectories(out);
        Path html = out.resolve("report.html");
        Path md = out.resolve("summary.md");
        Files.writeString(html, html(data));
        Files.writeString(md, summary(data));
        System.out.println("Report: " + html + "   Summary: " + md);
        return 0;
    }

    /** Every section of the page: the stored rows, or {@code {"run": "pulse VERB"}} when the analysis has not run. */
    static Map<String, Object> data(Map<String, Object> activity, StoreReader r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("activity", activity);
        d.put("segments", section(r, "segments", "segments", () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("segments", parsed(r.rows("SELECT segment_id, kind, name, size, user_share, revenue_share, clv_total"
                    + " FROM segments ORDER BY kind, segment_id")));
            m.put("opportunities", parsed(r.rows("SELECT rank, segment_id, name, size, revenue_at_stake, strength,"
                    + " signals, action, evidence FROM opportunities ORDER BY rank"), "signals", "evidence"));
            return m;
        }));
        d.put("validation", section(r, "validation_results", "validate",
                () -> Map.of("results", r.rows("SELECT model, scheme, folds, test_rows, roc_auc, roc_auc_low,"
                        + " roc_auc_high, pr_auc, brier FROM validation_results ORDER BY model, scheme"))));
        d.put("thresholds", section(r, "thresholds", "thresholds", () -> Map.of("segments", r.rows("""
                SELECT segment, count(*) AS users, median(dormancy_threshold_days) AS median_threshold_days,
                       count(*) FILTER (WHERE beyond_threshold) AS beyond_threshold
                FROM thresholds GROUP BY segment ORDER BY segment"""))));
        d.put("backtest", section(r, "backtest_uplift", "backtest",
                () -> Map.of("uplift", r.rows("SELECT rule_id, action, treated, control, retention_diff, ci_low,"
                        + " ci_high, revenue_diff FROM backtest_uplift ORDER BY rule_id"))));
        d.put("tags", section(r, "tag_versions", "tags compute", () -> r.rows(
                "SELECT version, cutoff, users, tags FROM tag_versions ORDER BY version DESC LIMIT 1").get(0)));
        d.put("tag_audit", StoredRuns.tagAudit(r).<Object>map(ReportCommand::auditHeadline)
                .orElse(Map.of("run", "pulse tags audit")));
        d.put("stream", StoredRuns.streamSummary(r, STREAM_ALERTS).<Object>map(m -> m)
                .orElse(Map.of("run", "pulse stream --replay FILE --db")));
        return d;
    }

    /**
     * What the page shows of a stored audit: its size, the redundant pairs (the most similar first), the marginal
     * value curve with its knee, the recommended AUC against all tags', and how many tags the pruned set drops.
     */
    static Map<String, Object> auditHeadline(Map<String, Object> stored) {
        JsonNode a = Json.MAPPER.valueToTree(stored);
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : List.of("audit_id", "computed_at", "tags_at", "horizon_days", "users", "buyers")) {
            m.put(f, a.get(f));
        }
        m.put("tags", a.path("tags").size());
        List<JsonNode> pairs = new ArrayList<>();
        a.path("redundant_pairs").forEach(pairs::add);
        pairs.sort(Comparator.comparingDouble((JsonNode p) -> p.path("jaccard").asDouble()).reversed());
        m.put("redundant_pairs", pairs.size());
        m.put("top_pairs", pairs.subList(0, Math.min(TOP_PAIRS, pairs.size())));
        m.put("knee", a.get("knee"));
        m.put("recommended_auc", a.get("recommended_auc"));
        m.put("all_tags_auc", a.get("all_tags_auc"));
        m.put("dropped", a.path("dropped").size());
        m.put("marginal_curve", a.path("marginal_curve"));
        return m;
    }

    /** Whether a section is the placeholder naming the verb to run (a stream run has a {@code run} object). */
    private static boolean notRun(Map<String, Object> section) {
        return section.get("run") instanceof String;
    }

    private static Object section(StoreReader r, String table, String verb, java.util.function.Supplier<Object> read) {
        return r.exists(table) ? read.get() : Map.of("run", "pulse " + verb);
    }

    private static List<Map<String, Object>> parsed(List<Map<String, Object>> rows, String... jsonColumns) {
        for (Map<String, Object> row : rows) {
            for (String c : jsonColumns) {
                if (row.get(c) instanceof String text) {
                    try {
                        row.put(c, Json.MAPPER.readValue(text, Object.class));
                    } catch (JsonProcessingException e) {
                        // not JSON after all: the text stays as it is
                    }
                }
            }
        }
        return rows;
    }

    static String html(Map<String, Object> data) {
        // "</" inside a script block would end it early; "<\/" means the same to JSON and JavaScript.
        String json = PulseJson.text(data).replace("</", "<\\/");
        return resource(TEMPLATE).replace("/*ECHARTS*/", resource(ECHARTS)).replace("/*DATA*/", json);
    }

    private static String resource(String name) {
        String path = name.startsWith("META-INF") ? name : "io/pulse/cli/" + name;
        try (InputStream in = ReportCommand.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> data) {
        StringBuilder md = new StringBuilder("# Pulse report\n\n## Findings\n\n");
        Map<String, Object> a = (Map<String, Object>) data.get("activity");
        Map<String, Object> band = (Map<String, Object>) a.get("band");
        md.append(String.format(Locale.ROOT, "- Active rate %s, %s the benchmark band %s–%s (%d users, %s .. %s). %s%n",
                pct(a.get("active_rate")), a.get("position"), pct(band.get("low")), pct(band.get("high")),
                ((Number) a.get("users")).longValue(), a.get("from"), a.get("to"), a.get("verdict")));
        Map<String, Object> seg = (Map<String, Object>) data.get("segments");
        List<Map<String, Object>> opportunities = (List<Map<String, Object>>) seg.get("opportunities");
        if (seg.containsKey("run")) {
            md.append("- Segments: not computed; run `").append(seg.get("run")).append("`.\n");
        } else {
            md.append("- Segments: ").append(((List<?>) seg.get("segments")).size()).append(" stored, ")
                    .append(opportunities.size()).append(" hidden-value opportunities.\n");
            for (Map<String, Object> o : opportunities) {
                md.append(String.format(Locale.ROOT, "  - #%s %s: %d users, revenue at stake %.0f.%n", o.get("rank"),
                        o.get("name"), ((Number) o.get("size")).longValue(), ((Number) o.get("revenue_at_stake"))
                                .doubleValue()));
            }
        }
        Map<String, Object> val = (Map<String, Object>) data.get("validation");
        if (val.containsKey("run")) {
            md.append("- Validation: not computed; run `").append(val.get("run")).append("`.\n");
        } else {
            md.append("- Validation (ROC AUC by model and scheme):");
            for (Map<String, Object> v : (List<Map<String, Object>>) val.get("results")) {
                md.append(' ').append(v.get("model")).append('/').append(v.get("scheme")).append(' ')
                        .append(v.get("roc_auc") == null ? "n/a" : String.format(Locale.ROOT, "%.3f",
                                ((Number) v.get("roc_auc")).doubleValue())).append(';');
            }
            md.append(" trust the forward holdout over random K-fold.\n");
        }
        Map<String, Object> bt = (Map<String, Object>) data.get("backtest");
        if (bt.containsKey("run")) {
            md.append("- Backtest: not computed; run `").append(bt.get("run")).append("`.\n");
        } else {
            for (Map<String, Object> u : (List<Map<String, Object>>) bt.get("uplift")) {
                md.append(String.format(Locale.ROOT, "- Backtest uplift of rule %s: retention %s (95%% CI %s .. %s).%n",
                        u.get("rule_id"), pct(u.get("retention_diff")), pct(u.get("ci_low")), pct(u.get("ci_high"))));
            }
        }
        Map<String, Object> tags = (Map<String, Object>) data.get("tags");
        md.append(tags.containsKey("run") ? "- Tags: none stored; run `" + tags.get("run") + "`.\n"
                : "- Tags: version " + tags.get("version") + ", " + tags.get("tags") + " tags over " + tags.get("users")
                        + " users.\n");
        Map<String, Object> audit = (Map<String, Object>) data.get("tag_audit");
        if (notRun(audit)) {
            md.append("- Tag audit: not stored; run `").append(audit.get("run")).append("`.\n");
        } else {
            JsonNode knee = (JsonNode) audit.get("knee");
            md.append(String.format(Locale.ROOT, "- Tag audit: %d tags audited at %s, %d redundant pairs; %s; %d tags"
                    + " dropped.%n", ((Number) audit.get("tags")).intValue(), text(audit.get("tags_at")),
                    ((Number) audit.get("redundant_pairs")).intValue(), knee == null || knee.isNull()
                            ? "no marginal value curve (no purchase in the horizon)"
                            : String.format(Locale.ROOT, "%d tags reach AUC %.3f against %.3f with all of them",
                                    knee.asInt(), ((JsonNode) audit.get("recommended_auc")).asDouble(),
                                    ((JsonNode) audit.get("all_tags_auc")).asDouble()),
                    ((Number) audit.get("dropped")).intValue()));
        }
        Map<String, Object> stream = (Map<String, Object>) data.get("stream");
        if (notRun(stream)) {
            md.append("- Stream: not stored; run `").append(stream.get("run")).append("`.\n");
        } else {
            Map<String, Object> run = (Map<String, Object>) stream.get("run");
            md.append(String.format(Locale.ROOT, "- Stream run %s (%s): %s events in, %s late, %s duplicates, %s"
                    + " accepted; %s alerts, %s sustained with %d decisions.%n", run.get("run_id"), run.get("source"),
                    run.get("events_in"), run.get("late"), run.get("duplicates"), run.get("accepted"),
                    run.get("alerts"), run.get("alerts_sustained"), ((List<?>) stream.get("decisions")).size()));
        }
        md.append("\n## Recommended operations\n\n");
        if (opportunities == null || opportunities.isEmpty()) {
            md.append("- Run `pulse segments` to find hidden-value groups worth an operation.\n");
        } else {
            for (Map<String, Object> o : opportunities) {
                md.append("- ").append(o.get("name")).append(": ").append(o.get("action")).append('\n');
            }
        }
        Map<String, Object> th = (Map<String, Object>) data.get("thresholds");
        if (!th.containsKey("run")) {
            long beyond = ((List<Map<String, Object>>) th.get("segments")).stream()
                    .mapToLong(t -> t.get("beyond_threshold") == null ? 0 : ((Number) t.get("beyond_threshold")).longValue())
                    .sum();
            md.append("- Win back the ").append(beyond).append(" users past their personal dormancy threshold"
                    + " (`pulse actions` sends the default rules).\n");
        }
        return md.toString();
    }

    private static String text(Object json) {
        return json instanceof JsonNode n ? n.asText() : String.valueOf(json);
    }

    private static String pct(Object ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ((Number) ratio).doubleValue() * 100);
    }
}
