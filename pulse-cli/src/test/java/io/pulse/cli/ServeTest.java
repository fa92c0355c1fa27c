package io.pulse.cli;

import static io.pulse.cli.CliTest.pulse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.cli.CliTest.Run;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ServerSettings;
import io.pulse.server.api.ServeApi;
import io.pulse.store.PulseStore;
import io.pulse.store.tags.TagSet;
import io.pulse.store.tags.TagStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse serve} on a real server (free port) over a real store built by the CLI: generate, ingest, the
 * analyses; every figure the API answers is checked against the CLI's JSON or SQL over the store's tables.
 */
class ServeTest {

    static final String TOKEN = "serve-test-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static PulseStore store;
    static PulseStore bare;
    static ServeApi api;
    static ServeApi guarded;
    static JsonNode activityCli;
    static long neverBoughtCli;
    static JsonNode auditCli;
    static JsonNode streamCli;
    static List<JsonNode> streamAlertsCli;

    @BeforeAll
    static void buildTheStoreAndServeIt() throws Exception {
        Path data = dir.resolve("data");
        Path db = dir.resolve("store.duckdb");
        ok(pulse("generate", "--users", "300", "--days", "60", "--seed", "7", "--out", data.toString()));
        ok(pulse("ingest", data.resolve("events.csv").toString(), "--users", data.resolve("users.csv").toString(),
                "--db", db.toString()));
        Files.copy(db, dir.resolve("bare.duckdb"));
        Path log = Files.writeString(dir.resolve("past.csv"), """
                action_id,rule_id,user_id,action,ts,control
                a1,spring-coupon,u000001,coupon,2025-01-10T09:00:00Z,false
                a2,spring-coupon,u000002,coupon,2025-01-10T09:00:00Z,false
                a3,spring-coupon,u000003,coupon,2025-01-10T09:00:00Z,true
                a4,spring-coupon,u000004,coupon,2025-01-10T09:00:00Z,true
                """);
        ok(pulse("ingest", "--actions", log.toString(), "--db", db.toString()));
        ok(pulse("clv", "--db", db.toString(), "--model", "bgnbd", "--unit", "week"));
        ok(pulse("segments", "--db", db.toString(), "--k", "2..4", "--out", dir.resolve("audiences").toString()));
        ok(pulse("predict", "--db", db.toString(), "--model", "logistic", "--history", "14", "--every", "7",
                "--horizon", "14"));
        ok(pulse("thresholds", "--db", db.toString()));
        ok(pulse("tags", "compute", "--db", db.toString()));
        ok(pulse("validate", "--db", db.toString(), "--models", "logistic", "--history", "14", "--every", "7",
                "--horizon", "14", "--bootstrap", "20"));
        ok(pulse("backtest", "--db", db.toString(), "--churn-days", "14", "--cutoffs", "2", "--every", "7",
                "--window", "7"));
        Path activity = dir.resolve("activity.json");
        ok(pulse("activity", "--db", db.toString(), "--json", activity.toString()));
        activityCli = JSON.readTree(activity.toFile());
        Run query = ok(pulse("tags", "query", "never_bought", "--db", db.toString(), "--json"));
        neverBoughtCli = JSON.readTree(query.out()).get("users").asLong();
        Path audit = dir.resolve("audit.json");
        ok(pulse("tags", "audit", "--db", db.toString(), "--horizon", "14", "--json", audit.toString()));
        auditCli = JSON.readTree(audit.toFile());
        Path stream = dir.resolve("stream.json");
        Path alerts = dir.resolve("alerts.jsonl");
        ok(pulse("stream", "--replay", data.resolve("events.csv").toString(), "--db", db.toString(),
                "--alerts", alerts.toString(), "--json", stream.toString()));
        streamCli = JSON.readTree(stream.toFile());
        streamAlertsCli = new ArrayList<>();
        for (String line : Files.readAllLines(alerts)) {
            streamAlertsCli.add(JSON.readTree(line));
        }

        store = PulseStore.open(db);
        api = ServeApi.start(ServerSettings.defaults(0, TOKEN), false, store, ActivityOptions.defaults(),
                ZoneId.of("UTC"));
        bare = PulseStore.open(dir.resolve("bare.duckdb"));
        guarded = ServeApi.start(ServerSettings.defaults(0, TOKEN).withLimits(4096, 10), true, bare,
                ActivityOptions.defaults(), ZoneId.of("UTC"));
    }

    @AfterAll
    static void stop() {
        api.close();
        guarded.close();
        store.close();
        bare.close();
    }

    static Run ok(Run run) {
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }

    static HttpResponse<String> get(ServeApi server, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String token, HttpRequest.BodyPublisher body) throws Exception {
        return post(api, path, token, body);
    }

    /** A JSON POST to {@code server}, with the bearer token when given. */
    static HttpResponse<String> post(ServeApi server, String path, String token, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(body).header("Content-Type", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of a response with {@code status}. */
    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    /** A column of the first row of {@code sql} over the served store, read with plain JDBC. */
    interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static <T> T sql(Column<T> column, String sql, Object... params) throws SQLException {
        synchronized (store) {
            try (PreparedStatement p = store.connection().prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    p.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return column.read(rs);
                }
            }
        }
    }

    static long sqlLong(String sql, Object... params) throws SQLException {
        return sql(rs -> rs.getLong(1), sql, params);
    }

    static double sqlDouble(String sql, Object... params) throws SQLException {
        return sql(rs -> rs.getDouble(1), sql, params);
    }

    static String sqlString(String sql, Object... params) throws SQLException {
        return sql(rs -> rs.getString(1), sql, params);
    }

    @Test
    void theOverviewActiveRateAndTrendEqualWhatPulseActivityWrites() throws Exception {
        JsonNode o = json(get(api, "/api/overview", null), 200);
        JsonNode b = activityCli.get("benchmark");
        assertThat(o.get("active_rate").asDouble()).isEqualTo(b.get("active_rate").asDouble());
        assertThat(o.get("band").get("low").asDouble()).isEqualTo(b.get("low").asDouble());
        assertThat(o.get("verdict").asText()).isEqualTo(b.get("verdict").asText());
        assertThat(o.get("users").asLong()).isEqualTo(activityCli.get("users").asLong());
        assertThat(o.get("trend")).isEqualTo(activityCli.get("daily"));
        assertThat(o.get("retention")).isEqualTo(activityCli.get("retention"));
        List<JsonNode> months = new ArrayList<>();
        activityCli.get("periods").forEach(p -> {
            if (p.get("granularity").asText().equals("month")) {
                months.add(p);
            }
        });
        assertThat(o.get("months")).containsExactlyElementsOf(months);
        assertThat(o.get("analyses").get("segments").asBoolean()).isTrue();
        assertThat(o.get("analyses").get("tag_audit").asBoolean()).isTrue();
        assertThat(o.get("analyses").get("stream_run").asBoolean()).isTrue();
    }

    @Test
    void theActivityRouteAnswersWhatPulseActivityWritesSaveWhenItWasComputed() throws Exception {
        JsonNode a = json(get(api, "/api/activity", null), 200);
        Iterator<String> names = activityCli.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!f.equals("provenance")) {
                assertThat(a.get(f)).as(f).isEqualTo(activityCli.get(f));
            }
        }
        assertThat(a.get("provenance").get("parameters")).isEqualTo(activityCli.get("provenance").get("parameters"));
    }

    @Test
    void segmentSizesEqualTheirMemberCountsInSql() throws Exception {
        JsonNode s = json(get(api, "/api/segments", null), 200);
        assertThat(s.get("segments").size()).isPositive();
        for (JsonNode seg : s.get("segments")) {
            String id = seg.get("segment_id").asText();
            String column = switch (seg.get("kind").asText()) {
                case "cluster" -> "cluster";
                case "value" -> "value_group";
                default -> "'rfm_' || rfm_cell";
            };
            long members = sqlLong("SELECT count(*) FROM segment_members WHERE " + column + " = ?", id);
            assertThat(seg.get("size").asLong()).as(id).isEqualTo(members);
            JsonNode page = json(get(api, "/api/segments/" + id + "/members?limit=5", null), 200);
            assertThat(page.get("total").asLong()).as(id).isEqualTo(members);
            assertThat(page.get("members").size()).isEqualTo((int) Math.min(5, members));
        }
        assertThat(s.get("opportunities").size()).isEqualTo((int) sqlLong("SELECT count(*) FROM opportunities"));
        assertThat(json(get(api, "/api/segments/nope/members", null), 404).get("code").asText())
                .isEqualTo("unknown_segment");
    }

    @Test
    void aProfileCarriesTheRowsOfEveryTableForItsUser() throws Exception {
        String user = sqlString("SELECT t.user_id FROM thresholds t JOIN predictions USING (user_id)"
                + " JOIN clv_customers USING (user_id) JOIN segment_members USING (user_id)"
                + " WHERE t.user_id > ? ORDER BY 1 LIMIT 1", "");
        JsonNode p = json(get(api, "/api/users/" + user, null), 200);
        assertThat(p.get("features").get("events").asLong())
                .isEqualTo(sqlLong("SELECT count(*) FROM events WHERE user_id = ?", user));
        assertThat(p.get("attributes").get("region").asText()).isEqualTo(sqlString("SELECT region FROM users WHERE user_id = ?", user));
        assertThat(p.get("segment").get("cluster").asText())
                .isEqualTo(sqlString("SELECT cluster FROM segment_members WHERE user_id = ?", user));
        assertThat(p.get("p_active").get(0).get("probability").asDouble())
                .isEqualTo(sqlDouble("SELECT probability FROM predictions WHERE user_id = ?", user));
        assertThat(p.get("clv").get(0).get("clv").asDouble())
                .isEqualTo(sqlDouble("SELECT clv FROM clv_customers WHERE user_id = ?", user));
        assertThat(p.get("thresholds").get("days_since_last_active").asLong())
                .isEqualTo(sqlLong("SELECT days_since_last_active FROM thresholds WHERE user_id = ?", user));
        assertThat(p.get("recent_actions")).hasSize((int) Math.min(10,
                sqlLong("SELECT count(*) FROM outbox WHERE user_id = ?", user)));
        JsonNode treated = json(get(api, "/api/users/u000001", null), 200);
        assertThat(treated.get("recent_actions")).hasSize(1);
        assertThat(treated.get("recent_actions").get(0).get("rule_id").asText()).isEqualTo("spring-coupon");
        TagSet tags = TagStore.latest(store).orElseThrow();
        int index = List.of(tags.userIds()).indexOf(user);
        Set<String> expected = new HashSet<>();
        tags.tags().forEach((name, users) -> {
            if (users.contains(index)) {
                expected.add(name);
            }
        });
        Set<String> answered = new HashSet<>();
        p.get("tags").forEach(t -> answered.add(t.asText()));
        assertThat(answered).isEqualTo(expected).isNotEmpty();
        assertThat(p.get("stream_profile").get("events").asLong())
                .isEqualTo(sqlLong("SELECT events FROM stream_profiles WHERE user_id = ?", user));
    }

    @Test
    void anUnknownUserIs404AndAnOverlongIdIs400() throws Exception {
        assertThat(json(get(api, "/api/users/nobody-at-all", null), 404).get("code").asText()).isEqualTo("unknown_user");
        assertThat(json(get(api, "/api/users/" + "x".repeat(300), null), 400).get("code").asText())
                .isEqualTo("bad_parameter");
    }

    @Test
    void pageSizesOutOfRangeOrNotNumbersAre400() throws Exception {
        for (String q : List.of("limit=0", "limit=1001", "limit=ten", "offset=-1")) {
            JsonNode e = json(get(api, "/api/thresholds?" + q, null), 400);
            assertThat(e.get("code").asText()).isEqualTo("bad_parameter");
        }
        JsonNode page = json(get(api, "/api/thresholds?limit=3&offset=2", null), 200);
        assertThat(page.get("rows")).hasSize(3);
        assertThat(page.get("users").asLong()).isEqualTo(sqlLong("SELECT count(*) FROM thresholds"));
    }

    @Test
    void beyondListsTheUsersPastTheirThresholdMostRecentlyCrossedFirst() throws Exception {
        // Every user's row read plainly, filtered and ordered here.
        record Row(String id, boolean beyond, double ratio) {
        }
        List<Row> all = sql(rs -> {
            List<Row> rows = new ArrayList<>();
            do {
                rows.add(new Row(rs.getString(1), rs.getBoolean(2), rs.getDouble(3) / rs.getDouble(4)));
            } while (rs.next());
            return rows;
        }, "SELECT user_id, beyond_threshold, days_since_last_active, dormancy_threshold_days FROM thresholds");
        List<String> expected = all.stream().filter(Row::beyond)
                .sorted(java.util.Comparator.comparingDouble(Row::ratio).thenComparing(Row::id))
                .map(Row::id).toList();
        assertThat(expected).as("the test store has users beyond their threshold").hasSizeGreaterThan(5);
        JsonNode page = json(get(api, "/api/thresholds?beyond=true&limit=5&offset=1", null), 200);
        List<String> ids = new ArrayList<>();
        page.get("rows").forEach(r -> ids.add(r.get("user_id").asText()));
        assertThat(ids).isEqualTo(expected.subList(1, 6));
        page.get("rows").forEach(r -> assertThat(r.get("beyond_threshold").asBoolean()).isTrue());
        assertThat(json(get(api, "/api/thresholds?beyond=maybe", null), 400).get("code").asText())
                .isEqualTo("bad_parameter");
    }

    @Test
    void anAudienceCountEqualsTheCliQueryAndABadExpressionIs400WithoutATrace() throws Exception {
        JsonNode c = json(get(api, "/api/audiences/count?expression=never_bought", null), 200);
        assertThat(c.get("users").asLong()).isEqualTo(neverBoughtCli);
        String quoted = URLEncoder.encode("never_bought and (", StandardCharsets.UTF_8);
        JsonNode e = json(get(api, "/api/audiences/count?expression=" + quoted, null), 400);
        assertThat(e.get("code").asText()).isEqualTo("bad_input");
        assertThat(e.get("message").asText()).doesNotContain("Exception", "\tat ");
        JsonNode tags = json(get(api, "/api/tags", null), 200);
        for (JsonNode t : tags.get("tags")) {
            if (t.get("name").asText().equals("never_bought")) {
                assertThat(t.get("users").asLong()).isEqualTo(neverBoughtCli);
            }
        }
    }

    @Test
    void savingAnAudienceNeedsTheTokenAndReadsDoNot() throws Exception {
        String body = "{\"name\":\"prospects\",\"expression\":\"never_bought\"}";
        for (String token : new String[] {null, "wrong", TOKEN.substring(1)}) {
            HttpResponse<String> r = post("/api/audiences", token, HttpRequest.BodyPublishers.ofString(body));
            assertThat(json(r, 401).get("code").asText()).isEqualTo("unauthorized");
        }
        JsonNode saved = json(post("/api/audiences", TOKEN, HttpRequest.BodyPublishers.ofString(body)), 201);
        assertThat(saved.get("users").asLong()).isEqualTo(neverBoughtCli);
        JsonNode list = json(get(api, "/api/audiences", null), 200);
        assertThat(list.get("audiences").findValuesAsText("name")).contains("prospects");
        JsonNode bad = json(post("/api/audiences", TOKEN, HttpRequest.BodyPublishers.ofString("{\"name\":\"X y\","
                + "\"expression\":\"never_bought\"}")), 400);
        assertThat(bad.get("code").asText()).isEqualTo("bad_input");
    }

    @Test
    void anAudienceBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = ("{\"name\":\"big\",\"expression\":\"" + "x".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> declared = post("/api/audiences", TOKEN, HttpRequest.BodyPublishers.ofByteArray(big));
        HttpResponse<String> chunked = post("/api/audiences", TOKEN,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertThat(json(declared, 413).get("code").asText()).isEqualTo("body_too_large");
        assertThat(json(chunked, 413).get("code").asText()).isEqualTo("body_too_large");
    }

    @Test
    void withReadTokenRequiredReadsNeedTheTokenAndAnalysesNotRunAre404NotComputed() throws Exception {
        assertThat(json(get(guarded, "/api/overview", null), 401).get("code").asText()).isEqualTo("unauthorized");
        assertThat(json(get(guarded, "/api/overview", "wrong"), 401).get("code").asText()).isEqualTo("unauthorized");
        assertThat(json(get(guarded, "/api/overview", TOKEN), 200).get("analyses").get("segments").asBoolean()).isFalse();
        for (String[] route : new String[][] {{"/api/segments", "segments"}, {"/api/validation", "validate"},
                {"/api/thresholds", "thresholds"}, {"/api/tags", "tags compute"}, {"/api/tags/audit", "tags audit"},
                {"/api/stream/summary", "stream --replay FILE --db"}}) {
            JsonNode e = json(get(guarded, route[0], TOKEN), 404);
            assertThat(e.get("code").asText()).isEqualTo("not_computed");
            assertThat(e.get("message").asText()).isEqualTo("run 'pulse " + route[1] + "' first");
        }
        assertThat(json(get(guarded, "/api/health", null), 200).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRegisteredRoutes() throws Exception {
        JsonNode doc = json(get(api, "/openapi.json", null), 200);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> listed = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> listed.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> registered = new HashSet<>(api.routes());
        registered.removeIf(r -> r.startsWith("HEAD ") || r.startsWith("OPTIONS "));
        assertThat(listed).isEqualTo(registered).contains("GET /api/users/{id}", "POST /api/audiences");
        assertThat(doc.get("paths").get("/api/audiences").get("post").get("security")).isNotNull();
        assertThat(doc.get("paths").get("/api/overview").get("get").get("security")).isNull();
        // Each success is documented with the status and type the route really answers.
        assertThat(doc.at("/paths/~1api~1audiences/post/responses/201")).isNotNull();
        assertThat(doc.at("/paths/~1api~1events/post/responses/202").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1/get/responses/200/content/text~1html").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1api~1stream~1alerts/get/responses/200/content/text~1event-stream").isMissingNode())
                .isFalse();
        HttpResponse<String> page = get(api, "/", null);
        assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        HttpResponse<String> events = post("/api/events", TOKEN, HttpRequest.BodyPublishers.ofString("[]"));
        assertThat(events.statusCode()).as("no stream in this server").isEqualTo(404);
    }

    @Test
    void theOverviewComesGzippedToAClientThatAsksAndIsTheSameJson() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + api.port() + "/api/overview");
        HttpResponse<byte[]> plain = CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gz = CLIENT.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(gz.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(gz.body().length).isLessThan(plain.body().length / 2);
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(JSON.readTree(plain.body()).get("active_rate").asDouble())
                .isEqualTo(activityCli.at("/benchmark/active_rate").asDouble());
    }

    @Test
    void serveExplainsItselfAndRefusesReadTokensWithoutAToken() {
        Run help = pulse("serve", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--read-token-required", "PULSE_TOKEN", "/openapi.json");
        // With PULSE_TOKEN set this would start serving and never return.
        if (System.getenv("PULSE_TOKEN") == null) {
            Run run = pulse("serve", "--db", dir.resolve("store.duckdb").toString(), "--read-token-required");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("--read-token-required needs a token");
        }
    }

    @Test
    void theTagAuditRouteAnswersTheDocumentPulseTagsAuditWrote() throws Exception {
        JsonNode a = json(get(api, "/api/tags/audit", null), 200);
        assertThat(a.get("audit_id").asLong()).isEqualTo(sqlLong("SELECT max(audit_id) FROM tag_audits"));
        assertThat(a.get("computed_at").asText()).endsWith("Z");
        assertThat(auditCli.get("marginal_curve")).as("a curve to compare").isNotEmpty();
        assertThat(a.get("knee")).isEqualTo(auditCli.get("knee"));
        assertThat(a.get("marginal_curve")).isEqualTo(auditCli.get("marginal_curve"));
        assertThat(a.get("redundant_pairs")).isEqualTo(auditCli.get("redundant_pairs"));
        assertThat(a.get("recommended_auc")).isEqualTo(auditCli.get("recommended_auc"));
        auditCli.fieldNames().forEachRemaining(f -> assertThat(a.get(f)).as(f).isEqualTo(auditCli.get(f)));
        assertThat(a.size()).isEqualTo(auditCli.size() + 2);
    }

    @Test
    void theStreamSummaryIsTheRunPulseStreamReported() throws Exception {
        JsonNode s = json(get(api, "/api/stream/summary?limit=1000", null), 200);
        JsonNode run = s.get("run");
        for (String f : List.of("events_in", "late", "duplicates", "filtered", "accepted", "windows_closed", "alerts")) {
            assertThat(run.get(f)).as(f).isEqualTo(streamCli.get(f));
        }
        assertThat(run.get("run_id").asLong()).isEqualTo(sqlLong("SELECT max(run_id) FROM stream_runs"));
        assertThat(run.get("source").asText()).endsWith("events.csv");
        assertThat(streamAlertsCli).as("alerts to compare").isNotEmpty();
        assertThat(run.get("alerts").asLong()).isEqualTo(streamAlertsCli.size());
        assertThat(run.get("alerts_sustained").asLong()).isEqualTo(streamCli.get("sustained").size());
        long transients = 0;
        for (JsonNode n : streamCli.get("transient_by_key")) {
            transients += n.asLong();
        }
        assertThat(run.get("alerts_transient").asLong()).isEqualTo(transients);

        Set<String> expectedIds = new HashSet<>();
        java.util.Map<String, Long> expectedLabels = new java.util.TreeMap<>();
        for (JsonNode a : streamAlertsCli) {
            String label = a.get("label").asText().toUpperCase(java.util.Locale.ROOT);
            expectedIds.add(a.get("window").asText() + "|" + a.get("key").asText() + "|" + a.get("start").asText()
                    + "|" + label);
            expectedLabels.merge(label, 1L, Long::sum);
        }
        Set<String> ids = new HashSet<>();
        s.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).isEqualTo(expectedIds);
        java.util.Map<String, Long> labels = new java.util.TreeMap<>();
        s.get("by_label").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asLong()));
        assertThat(labels).isEqualTo(expectedLabels);

        List<String> decided = new ArrayList<>();
        s.get("decisions").forEach(d -> decided.add(d.get("window").asText() + " " + d.get("key").asText() + " "
                + d.get("decision").asText()));
        List<String> sustained = new ArrayList<>();
        streamCli.get("sustained").forEach(d -> sustained.add(d.get("window").asText() + " " + d.get("key").asText()
                + " " + d.get("decision").asText()));
        assertThat(decided).containsExactlyInAnyOrderElementsOf(sustained);

        // Sustained first, then the newest end first.
        List<JsonNode> listed = new ArrayList<>();
        s.get("alerts").forEach(listed::add);
        for (int i = 1; i < listed.size(); i++) {
            JsonNode x = listed.get(i - 1);
            JsonNode y = listed.get(i);
            boolean xs = x.get("label").asText().equals("SUSTAINED");
            boolean ys = y.get("label").asText().equals("SUSTAINED");
            assertThat(xs || !ys).as("sustained first").isTrue();
            if (xs == ys) {
                assertThat(x.get("end").asText()).isGreaterThanOrEqualTo(y.get("end").asText());
            }
        }
        assertThat(json(get(api, "/api/stream/summary?limit=1", null), 200).get("alerts")).hasSize(1);
        assertThat(json(get(api, "/api/stream/summary?limit=0", null), 400).get("code").asText())
                .isEqualTo("bad_parameter");
    }
}
