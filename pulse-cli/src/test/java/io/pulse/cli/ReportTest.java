package io.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.cli.CliTest.Run;
import io.pulse.store.PulseStore;
import io.pulse.store.stream.StreamTables;
import io.pulse.store.tags.TagAuditStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pulse.cli.CliTest.pulse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code pulse report} on a small generated store with the analyses run, checked against the verbs and the store. */
class ReportTest {

    @TempDir
    static Path dir;

    static Path db;
    static String html;
    static String summary;
    static JsonNode data;

    @BeforeAll
    static void runTheAnalysesThenTheReport() throws IOException {
        Path in = dir.resolve("data");
        db = dir.resolve("store.duckdb");
        ok(pulse("generate", "--users", "300", "--days", "60", "--seed", "11", "--out", in.toString()));
        ok(pulse("ingest", in.resolve("events.csv").toString(), "--users", in.resolve("users.csv").toString(),
                "--db", db.toString()));
        ok(pulse("clv", "--db", db.toString(), "--model", "bgnbd", "--unit", "week"));
        ok(pulse("segments", "--db", db.toString(), "--k", "2..4", "--out", dir.resolve("audiences").toString()));
        ok(pulse("validate", "--db", db.toString(), "--models", "logistic", "--history", "14", "--every", "7",
                "--horizon", "14", "--bootstrap", "20"));
        ok(pulse("thresholds", "--db", db.toString()));
        ok(pulse("tags", "compute", "--db", db.toString()));
        ok(pulse("tags", "audit", "--db", db.toString(), "--horizon", "14"));
        ok(pulse("stream", "--replay", in.resolve("events.csv").toString(), "--db", db.toString()));
        Path out = dir.resolve("report");
        ok(pulse("report", "--db", db.toString(), "--out", out.toString()));
        html = Files.readString(out.resolve("report.html"));
        summary = Files.readString(out.resolve("summary.md"));
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"pulse-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        data = new ObjectMapper().readTree(m.group(1));
    }

    private static void ok(Run run) {
        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    void theReportReferencesNothingOutsideItself() {
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)<link|@import|url\\(\\s*[\"']?\\s*(https?:)?//");
        // The only URLs left are the XML namespace names ECharts passes to createElementNS and the licences named
        // in its header comments: text, never fetched.
        Matcher url = Pattern.compile("https?://[^\"'\\s)]*").matcher(html);
        while (url.find()) {
            assertThat(url.group()).matches("http://www\\.w3\\.org/.*|http://www\\.apache\\.org/licenses/LICENSE-2\\.0"
                    + "|https://github\\.com/ecomfe/zrender/blob/master/LICENSE\\.txt");
        }
    }

    @Test
    void theReportInlinesEchartsFromTheWebjar() throws IOException {
        try (var in = getClass().getClassLoader().getResourceAsStream(ReportCommand.ECHARTS)) {
            assertThat(in).isNotNull();
            String echarts = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(html).contains(echarts);
        }
        assertThat(html).contains("echarts.init(");
    }

    @Test
    void theActiveRateAndTrendAreThoseOfPulseActivity() throws IOException {
        Path activity = dir.resolve("activity.json");
        ok(pulse("activity", "--db", db.toString(), "--json", activity.toString()));
        JsonNode a = new ObjectMapper().readTree(activity.toFile());
        JsonNode shown = data.get("activity");
        assertThat(shown.get("active_rate").asDouble()).isEqualTo(a.get("benchmark").get("active_rate").asDouble());
        assertThat(shown.get("users").asLong()).isEqualTo(a.get("users").asLong());
        assertThat(shown.get("trend")).isEqualTo(a.get("daily"));
        assertThat(summary).contains(String.format(Locale.ROOT, "Active rate %.1f%%",
                a.get("benchmark").get("active_rate").asDouble() * 100));
    }

    @Test
    void theSegmentSizesAreThoseInTheStore() throws Exception {
        Map<String, Long> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT segment_id, size FROM segments")) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Long> shown = new HashMap<>();
        data.get("segments").get("segments").forEach(seg -> shown.put(seg.get("segment_id").asText(),
                seg.get("size").asLong()));
        assertThat(shown).isNotEmpty().isEqualTo(stored);
        for (JsonNode o : data.get("segments").get("opportunities")) {
            assertThat(summary).contains(o.get("name").asText() + ": " + o.get("size").asLong() + " users");
        }
    }

    @Test
    void eachAnalysisIsShownOrNamesTheVerbToRun() {
        assertThat(data.get("validation").get("results")).isNotEmpty();
        assertThat(data.get("thresholds").get("segments")).isNotEmpty();
        assertThat(data.get("tags").get("version").asInt()).isPositive();
        assertThat(data.get("backtest").get("run").asText()).isEqualTo("pulse backtest");
        assertThat(summary).contains("Validation (ROC AUC", "Backtest: not computed; run `pulse backtest`",
                "## Recommended operations");
    }

    @Test
    void theTagAuditSectionIsTheAuditInTheStore() throws Exception {
        JsonNode stored;
        try (PulseStore s = PulseStore.open(db)) {
            stored = new ObjectMapper().readTree(TagAuditStore.latest(s).orElseThrow().json());
        }
        JsonNode shown = data.get("tag_audit");
        assertThat(stored.get("marginal_curve")).as("a curve to show").isNotEmpty();
        assertThat(shown.get("marginal_curve")).isEqualTo(stored.get("marginal_curve"));
        assertThat(shown.get("knee")).isEqualTo(stored.get("knee"));
        assertThat(shown.get("recommended_auc")).isEqualTo(stored.get("recommended_auc"));
        assertThat(shown.get("all_tags_auc")).isEqualTo(stored.get("all_tags_auc"));
        assertThat(shown.get("tags").asInt()).isEqualTo(stored.get("tags").size());
        assertThat(shown.get("dropped").asInt()).isEqualTo(stored.get("dropped").size());
        assertThat(shown.get("redundant_pairs").asInt()).isEqualTo(stored.get("redundant_pairs").size());
        List<JsonNode> pairs = new ArrayList<>();
        stored.get("redundant_pairs").forEach(pairs::add);
        pairs.sort(Comparator.comparingDouble((JsonNode p) -> p.get("jaccard").asDouble()).reversed());
        List<JsonNode> top = new ArrayList<>();
        shown.get("top_pairs").forEach(top::add);
        assertThat(top).isEqualTo(pairs.subList(0, Math.min(ReportCommand.TOP_PAIRS, pairs.size())));
        assertThat(summary).contains(String.format(Locale.ROOT, "- Tag audit: %d tags audited at %s, %d redundant pairs;",
                stored.get("tags").size(), stored.get("tags_at").asText(), stored.get("redundant_pairs").size()));
        assertThat(html).contains("id=\"marginal\"");
    }

    @Test
    void theStreamSectionIsTheRunInTheStore() throws Exception {
        StreamTables.StoredRun run;
        List<StreamTables.StoredAlert> alerts;
        try (PulseStore s = PulseStore.open(db)) {
            run = StreamTables.latestRun(s).orElseThrow();
            alerts = StreamTables.alerts(s, run.runId());
        }
        JsonNode shown = data.get("stream");
        JsonNode r = shown.get("run");
        assertThat(r.get("run_id").asInt()).isEqualTo(run.runId());
        assertThat(r.get("events_in").asLong()).isEqualTo(run.run().eventsIn()).isPositive();
        assertThat(r.get("accepted").asLong()).isEqualTo(run.run().accepted());
        assertThat(r.get("alerts").asLong()).isEqualTo(alerts.size()).isPositive();
        assertThat(r.get("alerts_sustained").asLong()).isEqualTo(run.alertsSustained());
        Map<String, Long> byLabel = new TreeMap<>();
        alerts.forEach(a -> byLabel.merge(a.label(), 1L, Long::sum));
        Map<String, Long> shownByLabel = new TreeMap<>();
        shown.get("by_label").fields().forEachRemaining(e -> shownByLabel.put(e.getKey(), e.getValue().asLong()));
        assertThat(shownByLabel).isEqualTo(byLabel);
        List<String> sustained = alerts.stream().filter(a -> a.label().equals("SUSTAINED"))
                .map(StreamTables.StoredAlert::id).sorted().toList();
        List<String> shownSustained = new ArrayList<>();
        shown.get("alerts").forEach(a -> {
            if (a.get("label").asText().equals("SUSTAINED")) {
                shownSustained.add(a.get("id").asText());
            }
        });
        assertThat(shownSustained.stream().sorted().toList()).isEqualTo(sustained);
        assertThat(summary).contains("- Stream run " + run.runId() + " (", run.run().eventsIn() + " events in");
    }
}
