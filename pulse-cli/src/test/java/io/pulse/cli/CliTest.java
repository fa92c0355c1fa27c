package io.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pulse.stream.EventParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The verbs end to end, in process, on a small generated store in a real DuckDB file. */
class CliTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path db;

    /** Runs the CLI, returning exit code and everything printed. */
    record Run(int code, String out, String err) {
    }

    static Run pulse(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = PulseMain.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void generateAndIngest() {
        data = dir.resolve("data");
        db = dir.resolve("store.duckdb");
        Run gen = pulse("generate", "--users", "300", "--days", "60", "--seed", "7", "--out", data.toString(),
                "--json", dir.resolve("generated.json").toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        Run ingest = pulse("ingest", data.resolve("events.csv").toString(), "--users", data.resolve("users.csv").toString(),
                "--db", db.toString(), "--json", dir.resolve("ingest.json").toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    static long dataLines(Path csv) throws IOException {
        try (var lines = Files.lines(csv)) {
            return lines.count() - 1;
        }
    }

    @Test
    void generateReportsTheEventsItWrote() throws IOException {
        JsonNode summary = json(dir.resolve("generated.json"));
        assertThat(summary.get("events").asLong()).isEqualTo(dataLines(data.resolve("events.csv")));
        assertThat(summary.get("users").asLong()).isEqualTo(dataLines(data.resolve("users.csv")));
        assertThat(summary.get("users_by_segment").size()).isGreaterThan(3);
    }

    @Test
    void ingestLoadsEveryGeneratedEventAndSaysSoInJson() throws IOException {
        JsonNode events = json(dir.resolve("ingest.json")).get("ingests").get(0);
        assertThat(events.get("loaded").asLong()).isEqualTo(dataLines(data.resolve("events.csv")));
        assertThat(events.get("rejected").asLong()).isZero();
        assertThat(events.get("rows_read").asLong())
                .isEqualTo(events.get("loaded").asLong() + events.get("duplicates").asLong());
    }

    @Test
    void ingestingTheSameFileAgainAddsNothing() throws IOException {
        Path again = dir.resolve("again.json");
        Run run = pulse("ingest", data.resolve("events.csv").toString(), "--db", db.toString(), "--json", again.toString());
        assertThat(run.code()).isZero();
        JsonNode s = json(again).get("ingests").get(0);
        assertThat(s.get("loaded").asLong()).isZero();
        assertThat(s.get("duplicates").asLong()).isEqualTo(dataLines(data.resolve("events.csv")));
    }

    @Test
    void activityJsonHasTheDocumentedShapeAndTheMonthlyActiveUsersOfTheLog() throws IOException {
        Path out = dir.resolve("activity.json");
        Run run = pulse("activity", "--db", db.toString(), "--json", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Monthly", "Retention", "Browse time", "industry band");
        JsonNode a = json(out);
        assertThat(a.get("benchmark").get("low").asDouble()).isEqualTo(0.30);
        assertThat(a.get("benchmark").get("high").asDouble()).isEqualTo(0.40);
        assertThat(a.get("benchmark").get("verdict").asText()).isNotBlank();
        assertThat(a.has("stickiness")).isTrue();
        assertThat(a.get("retention").get("cohorts").size()).isPositive();
        assertThat(a.get("lifecycle").size()).isPositive();

        // Independent count: distinct users with any event in the first month, read from the CSV.
        JsonNode first = null;
        for (JsonNode p : a.get("periods")) {
            if (p.get("granularity").asText().equals("month")) {
                first = p;
                break;
            }
        }
        assertThat(first).isNotNull();
        String month = first.get("period").asText();
        Set<String> active = new HashSet<>();
        List<String> lines = Files.readAllLines(data.resolve("events.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[2].startsWith(month)) {
                active.add(f[1]);
            }
        }
        assertThat(first.get("active_users").asLong()).isEqualTo(active.size());
        assertThat(first.get("active_rate").asDouble())
                .isEqualTo((double) active.size() / first.get("known_users").asLong());
    }

    @Test
    void aFileWithBadRowsLoadsTheGoodOnesAndExitsWithTwo() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "user_id,ts,type\nu1,2025-01-01T00:00:00Z,view\n,2025-01-01T00:00:00Z,view\n"
                + "u2,yesterday,view\n");
        Path store = dir.resolve("bad.duckdb");
        Run run = pulse("ingest", bad.toString(), "--db", store.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).contains("bad.csv:3: missing user_id", "bad.csv:4: unparseable ts 'yesterday'");
        assertThat(Files.readAllLines(dir.resolve("bad.csv.rejects.csv"))).hasSize(3);
        assertThat(pulse("ingest", bad.toString(), "--db", store.toString(), "--accept-rejects").code()).isZero();
    }

    @Test
    void aMissingFileIsBadInputNamingTheFile() {
        Run run = pulse("ingest", dir.resolve("nope.csv").toString(), "--db", dir.resolve("x.duckdb").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("nope.csv").contains("no such readable file");
    }

    @Test
    void aMappingMistakeNamesTheLineAndField() throws IOException {
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, "name: mine\nfields:\n  user_id: customer\n  amount: {column: total, tims: 2}\n");
        Run run = pulse("ingest", data.resolve("events.csv").toString(), "--mapping", mapping.toString(),
                "--db", dir.resolve("m.duckdb").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("m.yaml:4").contains("fields.amount.tims");
    }

    @Test
    void activityOnAnEmptyStoreSaysWhatToDo() {
        Run run = pulse("activity", "--db", dir.resolve("empty.duckdb").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("pulse ingest");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitTwo() {
        Run run = pulse("activity", "--colour", "blue");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--colour");
    }

    @Test
    void helpListsTheVerbs() {
        Run run = pulse("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("demo", "generate", "ingest", "activity", "features", "clv", "segments",
                "validate", "predict", "thresholds", "recommend", "actions");
    }

    @Test
    void generateWritesThePastCampaignsWithTheUpliftAsked() throws IOException {
        Path out = dir.resolve("campaigns");
        Run run = pulse("generate", "--users", "300", "--days", "120", "--seed", "3", "--out", out.toString(),
                "--uplift", "casual=0.5,bargain_hunter=0", "--winback-uplift", "0.1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("actions.csv")).get(0))
                .isEqualTo("action_id,rule_id,user_id,action,ts,control");
        JsonNode rules = json(out.resolve("truth.json")).get("campaigns").get("rules");
        assertThat(rules.get(0).get("uplift_by_segment").get("casual").asDouble()).isEqualTo(0.5);
        assertThat(rules.get(0).get("uplift_by_segment").get("bargain_hunter").asDouble()).isZero();
        assertThat(rules.get(0).get("uplift_by_segment").get("loyal_regular").asDouble()).isEqualTo(0.1);
        assertThat(rules.get(1).get("uplift").asDouble()).isEqualTo(0.1);
    }

    @Test
    void badUpliftsAreRejectedWithTheirValue() {
        Path out = dir.resolve("never");
        Run unknown = pulse("generate", "--users", "10", "--days", "10", "--out", out.toString(), "--uplift", "vip=0.2");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("'vip'");
        Run tooLarge = pulse("generate", "--users", "10", "--days", "10", "--out", out.toString(),
                "--uplift", "casual=1.5");
        assertThat(tooLarge.code()).isEqualTo(2);
        assertThat(tooLarge.err()).contains("1.5");
        Run notANumber = pulse("generate", "--users", "10", "--days", "10", "--out", out.toString(),
                "--winback-uplift", "lots");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err()).contains("'lots'");
    }

    @Test
    void aBadBandIsRejectedWithItsValue() {
        Run run = pulse("activity", "--db", db.toString(), "--band", "high");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("'high'");
    }

    @Test
    void featuresClvAndSegmentsWriteTheDocumentedJson() throws IOException {
        Run features = pulse("features", "--db", db.toString(), "--json", dir.resolve("features.json").toString());
        assertThat(features.code()).as(features.err()).isZero();
        JsonNode f = json(dir.resolve("features.json"));
        assertThat(f.get("table").asText()).isEqualTo("features");
        assertThat(f.get("users").asLong()).isPositive();

        Run clv = pulse("clv", "--db", db.toString(), "--model", "bgnbd", "--unit", "week",
                "--json", dir.resolve("clv.json").toString());
        assertThat(clv.code()).as(clv.err()).isZero();
        JsonNode c = json(dir.resolve("clv.json"));
        assertThat(c.get("model").asText()).isEqualTo("bgnbd");
        assertThat(c.get("params").fieldNames()).toIterable().containsExactly("r", "alpha", "a", "b");
        assertThat(c.get("log_likelihood").asDouble()).isNegative();

        Path members = dir.resolve("audiences");
        Run seg = pulse("segments", "--db", db.toString(), "--k", "2..4", "--out", members.toString(),
                "--json", dir.resolve("segments.json").toString());
        assertThat(seg.code()).as(seg.err()).isZero();
        assertThat(seg.out()).contains("Clusters (behaviour)", "RFM cells");
        JsonNode s = json(dir.resolve("segments.json"));
        assertThat(s.get("k").asInt()).isBetween(2, 4);
        long users = 0;
        for (JsonNode segment : s.get("segments")) {
            assertThat(segment.fieldNames()).toIterable()
                    .contains("id", "name", "size", "revenue_share", "profile");
            if (segment.get("kind").asText().equals("cluster")) {
                users += segment.get("size").asLong();
            }
        }
        assertThat(users).isEqualTo(f.get("users").asLong());
        for (JsonNode o : s.get("opportunities")) {
            assertThat(o.fieldNames()).toIterable()
                    .contains("segment_id", "size", "revenue_at_stake", "action", "evidence", "members_file");
            assertThat(dataLines(Path.of(o.get("members_file").asText()))).isEqualTo(o.get("size").asLong());
        }
    }

    @Test
    void aBadKRangeIsRejectedWithItsValue() {
        Run run = pulse("segments", "--db", db.toString(), "--k", "9..3");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("'9..3'");
    }

    @Test
    void validateWritesTheDocumentedJsonAndPredictScoresEveryUser() throws IOException {
        Run validate = pulse("validate", "--db", db.toString(), "--models", "logistic,bgnbd", "--history", "14",
                "--every", "7", "--horizon", "14", "--bootstrap", "50", "--json", dir.resolve("validate.json").toString());
        assertThat(validate.code()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("Cost estimate", "Verdict (logistic)");
        JsonNode v = json(dir.resolve("validate.json"));
        for (String scheme : List.of("random_kfold", "time_series_cv", "forward_holdout")) {
            JsonNode s = v.get("schemes").get(scheme);
            assertThat(s.fieldNames()).toIterable().contains("auc", "accuracy", "pr_auc", "log_loss", "brier", "calibration");
        }
        assertThat(v.get("optimism_gap").isNumber()).isTrue();
        assertThat(v.get("verdict").asText()).isNotBlank();
        assertThat(v.get("cost").get("estimated_s").asDouble()).isPositive();
        assertThat(v.get("cost").get("actual_s").asDouble()).isPositive();
        assertThat(v.get("models").fieldNames()).toIterable().containsExactly("logistic", "bgnbd");

        Run estimate = pulse("validate", "--db", db.toString(), "--models", "logistic", "--history", "14", "--every",
                "7", "--horizon", "14", "--estimate-only", "--scale", "10", "--json", dir.resolve("estimate.json").toString());
        assertThat(estimate.code()).as(estimate.err()).isZero();
        JsonNode e = json(dir.resolve("estimate.json"));
        assertThat(e.get("cost").get("actual_s").isNull()).isTrue();
        assertThat(e.get("cost").get("row_scale").asDouble()).isEqualTo(10);

        Run predict = pulse("predict", "--db", db.toString(), "--model", "logistic", "--history", "14", "--every", "7",
                "--horizon", "14", "--json", dir.resolve("predict.json").toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        JsonNode p = json(dir.resolve("predict.json"));
        assertThat(p.get("model").get("kind").asText()).isEqualTo("logistic");
        assertThat(p.get("model").get("features").size()).isGreaterThan(10);
        Run features = pulse("features", "--db", db.toString(), "--json", dir.resolve("features-now.json").toString());
        assertThat(features.code()).as(features.err()).isZero();
        assertThat(p.get("users").asLong()).isEqualTo(json(dir.resolve("features-now.json")).get("users").asLong());
        for (JsonNode u : p.get("top_users")) {
            assertThat(u.get("probability").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void aBadBudgetIsRejectedWithItsValue() {
        Run run = pulse("validate", "--db", db.toString(), "--budget", "soon");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("'soon'");
    }

    @Test
    void thresholdsAndRecommendWriteTheirJson() throws IOException {
        Run thresholds = pulse("thresholds", "--db", db.toString(), "--json", dir.resolve("thresholds.json").toString());
        assertThat(thresholds.code()).as(thresholds.err()).isZero();
        JsonNode t = json(dir.resolve("thresholds.json"));
        assertThat(t.get("users").asLong()).isPositive();
        assertThat(t.get("segments").size()).isPositive();

        Run recommend = pulse("recommend", "--db", db.toString(), "--holdout-days", "14", "--json",
                dir.resolve("recommend.json").toString());
        assertThat(recommend.code()).as(recommend.err()).isZero();
        JsonNode r = json(dir.resolve("recommend.json"));
        assertThat(r.get("evaluation").get("cooccurrence").fieldNames()).toIterable()
                .contains("hit_rate_at_10", "recall_at_10");
        assertThat(r.get("top").asInt()).isEqualTo(10);
    }

    @Test
    void aTopOfZeroIsRejected() {
        Run run = pulse("recommend", "--db", db.toString(), "--top", "0");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("top");
    }

    @Test
    void actionsDryRunPlansWithTheDefaultRulesAndWritesNothing() throws IOException {
        Run thresholds = pulse("thresholds", "--db", db.toString());
        assertThat(thresholds.code()).as(thresholds.err()).isZero();
        Run actions = pulse("actions", "--db", db.toString(), "--json", dir.resolve("actions.json").toString());
        assertThat(actions.code()).as(actions.err()).isZero();
        assertThat(json(dir.resolve("actions.json")).isObject()).isTrue();
    }

    @Test
    void aWebhookWithoutSendIsRejected() {
        Run run = pulse("actions", "--db", db.toString(), "--webhook", "http://localhost:1/x");
        assertThat(run.code()).isEqualTo(2);
    }

    @Test
    void backtestWritesTheDocumentedJsonToStandardOutputWithTheTablesOnStandardError() throws IOException {
        Path copy = dir.resolve("backtest.duckdb");
        Files.copy(db, copy);
        Path log = Files.writeString(dir.resolve("past.csv"), """
                action_id,rule_id,user_id,action,ts,control
                a1,spring-coupon,u000001,coupon,2025-01-10T09:00:00Z,false
                a2,spring-coupon,u000002,coupon,2025-01-10T09:00:00Z,false
                a3,spring-coupon,u000003,coupon,2025-01-10T09:00:00Z,true
                a4,spring-coupon,u000004,coupon,2025-01-10T09:00:00Z,true
                """);
        Run imported = pulse("ingest", "--actions", log.toString(), "--db", copy.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("4 added to the outbox");

        Run run = pulse("backtest", "--db", copy.toString(), "--churn-days", "14", "--cutoffs", "2", "--every", "7",
                "--window", "7", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("Catching churners", "spring-coupon");
        JsonNode b = new ObjectMapper().readTree(run.out());
        assertThat(b.get("fixed").fieldNames()).toIterable()
                .contains("threshold_days", "precision", "recall", "f1", "actions", "median_lead_days");
        assertThat(b.get("dynamic").fieldNames()).toIterable()
                .contains("precision", "recall", "f1", "actions", "median_lead_days");
        assertThat(b.get("dynamic").get("actions").asLong()).isEqualTo(b.get("fixed").get("actions").asLong());
        assertThat(b.get("cutoffs").size()).isEqualTo(2);
        JsonNode u = b.get("uplift").get(0);
        assertThat(u.get("rule").asText()).isEqualTo("spring-coupon");
        assertThat(u.get("treated").asLong()).isEqualTo(2);
        assertThat(u.get("control").asLong()).isEqualTo(2);
        assertThat(u.fieldNames()).toIterable().contains("retention_diff", "ci_low", "ci_high");
    }

    @Test
    void aBacktestChurnHorizonOutOfRangeIsRejected() {
        Run run = pulse("backtest", "--db", db.toString(), "--churn-days", "3");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("churn");
    }

    @Test
    void tagsComputeQueryAuditAndDiffWriteTheirJson() throws IOException {
        Path copy = dir.resolve("tags.duckdb");
        Files.copy(db, copy);
        Run compute = pulse("tags", "compute", "--db", copy.toString(), "--json");
        assertThat(compute.code()).as(compute.err()).isZero();
        JsonNode c = new ObjectMapper().readTree(compute.out());
        assertThat(c.get("version").asInt()).isEqualTo(1);
        assertThat(c.get("tags").size()).isGreaterThan(30);
        long neverBought = 0;
        for (JsonNode t : c.get("tags")) {
            if (t.get("name").asText().equals("never_bought")) {
                neverBought = t.get("users").asLong();
            }
        }
        Run query = pulse("tags", "query", "never_bought or not never_bought", "--db", copy.toString(), "--json");
        assertThat(query.code()).as(query.err()).isZero();
        assertThat(new ObjectMapper().readTree(query.out()).get("users").asLong()).isEqualTo(c.get("users").asLong());
        Run only = pulse("tags", "query", "never_bought", "--db", copy.toString(), "--save", "prospects", "--json");
        assertThat(new ObjectMapper().readTree(only.out()).get("users").asLong()).isEqualTo(neverBought);

        Run audit = pulse("tags", "audit", "--db", copy.toString(), "--tags", data.resolve("tags.yaml").toString(),
                "--json", dir.resolve("audit.json").toString());
        assertThat(audit.code()).as(audit.err()).isZero();
        JsonNode a = json(dir.resolve("audit.json"));
        assertThat(a.fieldNames()).toIterable().contains("tags", "redundant_pairs", "rules", "clusters",
                "marginal_curve", "recommended", "dropped");
        assertThat(a.get("tags").get(0).fieldNames()).toIterable().contains("name", "coverage");
        assertThat(a.get("redundant_pairs").get(0).fieldNames()).toIterable().contains("a", "b", "jaccard");

        Run diff = pulse("tags", "diff", "--db", copy.toString());
        assertThat(diff.code()).isEqualTo(2);
        assertThat(diff.err()).contains("pulse tags compute");
    }

    @Test
    void aBadAudienceIsRejectedWithACaretUnderTheColumn() throws IOException {
        Path copy = dir.resolve("tags-bad.duckdb");
        Files.copy(db, copy);
        assertThat(pulse("tags", "compute", "--db", copy.toString()).code()).isZero();
        Run run = pulse("tags", "query", "never_bought and", "--db", copy.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("^");
    }

    @Test
    void streamReplayAccountsForEveryEventAndWritesAlertLines() throws IOException {
        Path alerts = dir.resolve("alerts.jsonl");
        Run run = pulse("stream", "--replay", data.resolve("events.csv").toString(), "--alerts", alerts.toString(),
                "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(run.out());
        long filtered = 0;
        for (JsonNode n : s.get("filtered")) {
            filtered += n.asLong();
        }
        assertThat(s.get("events_in").asLong()).isEqualTo(dataLines(data.resolve("events.csv")));
        assertThat(s.get("late").asLong() + s.get("duplicates").asLong() + filtered + s.get("accepted").asLong())
                .isEqualTo(s.get("events_in").asLong());
        assertThat(dataLines(alerts) + 1).isEqualTo(s.get("alerts").asLong());
        assertThat(run.err()).contains("Accounting");
    }

    @Test
    void streamProfilesDecideActionsIntoTheOutboxOnceAndStoreTheProfiles() throws Exception {
        Path copy = dir.resolve("stream-profiles.duckdb");
        Files.copy(db, copy);
        Path actions = dir.resolve("stream-actions.jsonl");
        Path profiles = dir.resolve("stream-profiles.jsonl");
        String[] args = {"stream", "--replay", data.resolve("events.csv").toString(), "--db", copy.toString(),
                "--actions", actions.toString(), "--profiles", profiles.toString(), "--json"};
        Run run = pulse(args);
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(run.out()).get("profiles");
        List<String> actionLines = Files.readAllLines(actions);
        assertThat(actionLines).isNotEmpty();
        assertThat(p.get("actions").asLong()).isEqualTo(actionLines.size());
        assertThat(p.get("treated").asLong() + p.get("control").asLong()).isEqualTo(actionLines.size());
        assertThat(p.get("outbox_added").asLong()).isEqualTo(actionLines.size());
        assertThat(Files.readAllLines(profiles)).hasSize(p.get("users").asInt());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + copy);
             Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE control) FROM outbox"
                    + " WHERE json_extract_string(payload, '$.source') = 'stream'");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(actionLines.size());
            assertThat(rs.getLong(2)).isEqualTo(p.get("control").asLong());
            rs = st.executeQuery("SELECT count(*), sum(events) FROM stream_profiles");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(p.get("users").asLong());
            JsonNode summary = new ObjectMapper().readTree(run.out());
            assertThat(rs.getLong(2)).as("every accepted event is in one profile").isEqualTo(summary.get("accepted").asLong());
        }
        Run again = pulse(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(new ObjectMapper().readTree(again.out()).get("profiles").get("outbox_added").asLong())
                .as("the same stream decides the same action ids: nothing new").isZero();
        assertThat(Files.readAllLines(actions)).isEqualTo(actionLines);
    }

    @Test
    void streamWithoutAFileIsAUsageError() {
        Run run = pulse("stream", "--replay", dir.resolve("missing.csv").toString());
        assertThat(run.code()).isEqualTo(2);
    }

    @Test
    void streamPlanCalibratesOnAFileAndSizesEachRate() throws IOException {
        Run run = pulse("stream", "plan", "--rate", "1000,100000000", "--keys", "5000", "--calibrate",
                data.resolve("events.csv").toString(), "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(run.out());
        assertThat(p.get("calibration").get("events").asLong()).isEqualTo(dataLines(data.resolve("events.csv")));
        assertThat(p.get("calibration").get("pipeline_cpu_ns_per_event").asDouble()).isPositive();
        assertThat(p.get("estimates")).hasSize(2);
        assertThat(p.get("estimates").get(0).get("one_machine").asBoolean()).isTrue();
        assertThat(p.get("estimates").get(1).get("one_machine").asBoolean()).isFalse();
        assertThat(run.err()).contains("Plan for 5,000 keys");
    }

    @Test
    void streamListenWithoutATokenIsAUsageError() {
        Run run = pulse("stream", "--listen", "0", "--token", " ");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--listen needs a token");
    }

    @Test
    void streamListenTakesEventsOverHttpAndOnSigtermCheckpointsAndReportsWhatTheFileReplayReports() throws Exception {
        Path replayJson = dir.resolve("replay-summary.json");
        assertThat(pulse("stream", "--replay", data.resolve("events.csv").toString(), "--json", replayJson.toString())
                .code()).isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path alerts = dir.resolve("live-alerts.jsonl");
        Path summary = dir.resolve("live-summary.json");
        Path log = dir.resolve("live.log");
        Path checkpoint = dir.resolve("live.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                PulseMain.class.getName(), "stream", "--listen", Integer.toString(port), "--token", "t0ken",
                "--alerts", alerts.toString(), "--json", summary.toString(), "--checkpoint", checkpoint.toString(),
                "--live")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitTrue(() -> {
                try {
                    return http.send(HttpRequest.newBuilder(base.resolve("/api/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            }, log);
            List<String> lines = inReplayOrder(data.resolve("events.csv"));
            for (int from = 1; from < lines.size(); from += 2_000) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/events"))
                        .header("Authorization", "Bearer t0ken")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(eventsJson(lines, from,
                                Math.min(lines.size(), from + 2_000)))).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
            HttpRequest stats = HttpRequest.newBuilder(base.resolve("/api/stream/stats"))
                    .header("Authorization", "Bearer t0ken").build();
            awaitTrue(() -> new ObjectMapper().readTree(http.send(stats, HttpResponse.BodyHandlers.ofString()).body())
                    .get("events_in").asLong() == lines.size() - 1, log);
            child.destroy();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        JsonNode live = json(summary);
        JsonNode replayed = json(replayJson);
        for (String field : List.of("events_in", "late", "duplicates", "filtered", "accepted", "windows_closed",
                "alerts", "sustained", "transient_by_key")) {
            assertThat(live.get(field)).as(field).isEqualTo(replayed.get(field));
        }
        assertThat(Files.exists(alerts) ? Files.readAllLines(alerts).size() : 0).isEqualTo(live.get("alerts").asInt());
        assertThat(Files.readString(log)).contains("Listening on http://127.0.0.1:" + port, " · in ");
        assertThat(checkpoint).as("the final checkpoint, written on SIGTERM").exists();
        assertThat(dir.resolve("live.ckpt.position")).as("HTTP has no position to store").doesNotExist();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void awaitTrue(Check check, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("timed out; the child said: %s", Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The data lines in the order a file replay feeds them: by whole second of ts, file order within one. */
    static List<String> inReplayOrder(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        EventParser parser = new EventParser(lines.get(0), csv.toString());
        List<long[]> keys = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
            keys.add(new long[] {Math.floorDiv(parser.timestamp(b, 0, b.length, i + 1), 1000L), i});
        }
        keys.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        keys.forEach(k -> out.add(lines.get((int) k[1])));
        return out;
    }

    /** lines[from, to) as a JSON array of events: empty fields left out, numbers as JSON numbers. */
    static byte[] eventsJson(List<String> lines, int from, int to) throws IOException {
        String[] names = lines.get(0).split(",", -1);
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (String line : lines.subList(from, to)) {
            String[] v = line.split(",", -1);
            ObjectNode e = array.addObject();
            for (int c = 0; c < names.length; c++) {
                if (!v[c].isEmpty()) {
                    if (Set.of("amount", "duration_s", "quantity").contains(names[c])) {
                        e.put(names[c], new BigDecimal(v[c]));
                    } else {
                        e.put(names[c], v[c]);
                    }
                }
            }
        }
        return mapper.writeValueAsBytes(array);
    }
}
