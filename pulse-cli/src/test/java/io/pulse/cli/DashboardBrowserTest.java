package io.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ServerSettings;
import io.pulse.server.api.ServeApi;
import io.pulse.server.dashboard.DashboardRoutes;
import io.pulse.server.stream.LiveStream;
import io.pulse.stream.LiveOptions;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import static io.pulse.cli.CliTest.pulse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard end to end: {@code pulse demo} on a small store, {@code pulse serve}'s API and dashboard on a free
 * port, every page opened in headless Chromium. The figures a person reads must equal the API's values, formatted
 * here independently (exact decimal rounding, as JavaScript's toFixed does); each page is screenshot on a laptop
 * and a phone screen into target/dashboard-screenshots.
 */
class DashboardBrowserTest {

    static final String TOKEN = "dashboard-test-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    static final List<String> PAGES = List.of("overview", "segments", "profile", "tags", "validation", "actions",
            "stream");

    @TempDir
    static Path dir;
    static PulseStore store;
    static ServeApi api;
    static ServeApi guarded;
    static Chromium laptop;
    static String base;

    @BeforeAll
    static void demoThenServe() {
        CliTest.Run demo = pulse("demo", "--users", "1500", "--days", "180", "--seed", "5", "--dir",
                dir.resolve("demo").toString(), "--no-serve");
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("[15/16] Report", "Report: ", "Dashboard: pulse serve --db");
        store = PulseStore.open(dir.resolve("demo").resolve("pulse.duckdb"));
        api = ServeApi.start(ServerSettings.defaults(0, TOKEN), false, store, ActivityOptions.defaults(),
                ZoneId.of("UTC"));
        guarded = ServeApi.start(ServerSettings.defaults(0, TOKEN), true, store, ActivityOptions.defaults(),
                ZoneId.of("UTC"));
        base = "http://127.0.0.1:" + api.port();
        laptop = Chromium.laptop(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (laptop != null) {
            laptop.close();
        }
        if (api != null) {
            api.close();
        }
        if (guarded != null) {
            guarded.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void overviewShowsTheActiveRateOfTheApi() throws Exception {
        JsonNode o = get("/api/overview");
        open("overview");
        assertThat(laptop.figure("active-rate")).isEqualTo(pct(o.get("active_rate").asDouble()));
        assertThat(laptop.figure("users")).isEqualTo(count(o.get("users").asDouble()));
        assertThat(laptop.figure("stickiness")).isEqualTo(pct(o.get("stickiness").asDouble()));
        assertThat(laptop.figure("band")).isEqualTo(pct(o.at("/band/low").asDouble()) + "–"
                + pct(o.at("/band/high").asDouble()));
        assertThat(laptop.figure("verdict")).isEqualTo(o.get("verdict").asText());
        for (String chart : List.of("ov-months", "ov-trend", "ov-retention", "ov-lifecycle")) {
            assertThat(laptop.count("#" + chart + " canvas")).as(chart).isPositive();
        }
        assertThat(laptop.count("[data-analysis]")).isEqualTo(o.get("analyses").size());
    }

    @Test
    void segmentsHighlightTheOpportunitiesOfTheApi() throws Exception {
        JsonNode s = get("/api/segments");
        JsonNode top = s.at("/opportunities/0");
        open("segments");
        assertThat(laptop.figure("segments-count")).isEqualTo(count(s.get("segments").size()));
        assertThat(laptop.figure("opportunities-count")).isEqualTo(count(s.get("opportunities").size()));
        assertThat(laptop.figure("opportunity-1-name")).isEqualTo(top.get("name").asText());
        assertThat(laptop.figure("opportunity-1-size")).isEqualTo(count(top.get("size").asDouble()));
        assertThat(laptop.figure("opportunity-1-revenue")).isEqualTo(count(top.get("revenue_at_stake").asDouble()));
        List<String> hot = new ArrayList<>();
        s.get("opportunities").forEach(op -> hot.add(op.get("segment_id").asText()));
        long highlighted = 0;
        for (JsonNode seg : s.get("segments")) {
            highlighted += hot.contains(seg.get("segment_id").asText()) ? 1 : 0;
        }
        assertThat((long) laptop.count("#sg-all tr.hot")).isEqualTo(highlighted);
        assertThat(laptop.count("#sg-bubble canvas")).isPositive();

        // A segment's row opens its members, each a link to a profile.
        laptop.driver().findElement(By.cssSelector("#sg-all tbody tr")).click();
        JsonNode members = get("/api/segments/" + s.at("/segments/0/segment_id").asText() + "/members?limit=50");
        new WebDriverWait(laptop.driver(), Duration.ofSeconds(10)).until(d -> laptop.count("#sg-members a.user")
                == members.get("members").size());
    }

    @Test
    void profileShowsTheUserOfTheApi() throws Exception {
        String id = "u000001";
        JsonNode u = get("/api/users/" + id);
        open("profile/" + id, "profile");
        assertThat(laptop.figure("profile-user")).isEqualTo(id);
        assertThat(laptop.figure("profile-events")).isEqualTo(count(u.at("/features/events").asDouble()));
        assertThat(laptop.figure("profile-purchases")).isEqualTo(count(u.at("/features/purchases").asDouble()));
        assertThat(laptop.figure("profile-recency")).isEqualTo(count(u.at("/features/recency_days").asDouble()));
        assertThat(laptop.figure("profile-p-active")).isEqualTo(fixed(u.at("/p_active/0/probability").asDouble(), 3));
        assertThat(laptop.figure("profile-threshold"))
                .isEqualTo(fixed(u.at("/thresholds/dormancy_threshold_days").asDouble(), 1) + " d");
        assertThat(laptop.figure("profile-reason")).isEqualTo(u.at("/thresholds/reason").asText());
        assertThat(laptop.count("[data-figure='profile-tags'] .chip")).isEqualTo(u.get("tags").size());

        // The search box leads to another user; an unknown one says so.
        laptop.driver().findElement(By.id("pf-id")).clear();
        laptop.driver().findElement(By.id("pf-id")).sendKeys("nobody-like-this\n");
        new WebDriverWait(laptop.driver(), Duration.ofSeconds(10)).until(d ->
                d.findElement(By.id("pf-body")).getText().contains("no user 'nobody-like-this'"));
    }

    @Test
    void profileWithoutAnIdListsTheUsersWorthANudgeAsTheApiOrdersThem() throws Exception {
        JsonNode t = get("/api/thresholds?beyond=true&limit=25");
        List<String> expected = new ArrayList<>();
        t.get("rows").forEach(r -> expected.add(r.get("user_id").asText()));
        open("profile");
        List<String> shown = laptop.driver().findElements(By.cssSelector("#pf-body a.user")).stream()
                .map(e -> e.getText()).toList();
        assertThat(shown).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void tagsShowTheVersionAndAnAudienceCount() throws Exception {
        JsonNode t = get("/api/tags");
        open("tags");
        assertThat(laptop.figure("tags-version")).isEqualTo(t.get("version").asText());
        assertThat(laptop.figure("tags-count")).isEqualTo(count(t.get("tags").size()));
        assertThat(laptop.figure("tags-users")).isEqualTo(count(t.get("users").asDouble()));
        assertThat(laptop.count("#tg-coverage canvas")).isPositive();

        String expression = "never_bought and not dormant";
        JsonNode c = get("/api/audiences/count?expression=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        laptop.driver().findElement(By.id("tg-expr")).sendKeys(expression + "\n");
        new WebDriverWait(laptop.driver(), Duration.ofSeconds(10)).until(d -> laptop.count("[data-figure='audience-users']") == 1);
        assertThat(laptop.figure("audience-users")).isEqualTo(count(c.get("users").asDouble()));
    }

    @Test
    void tagsShowTheStoredAuditOfTheApi() throws Exception {
        JsonNode a = get("/api/tags/audit");
        open("tags");
        assertThat(laptop.figure("audit-tags")).isEqualTo(count(a.get("tags").size()));
        assertThat(laptop.figure("audit-redundant")).isEqualTo(count(a.get("redundant_pairs").size()));
        assertThat(laptop.figure("audit-knee")).isEqualTo(a.get("knee").asText());
        assertThat(laptop.figure("audit-recommended-auc")).isEqualTo(fixed(a.get("recommended_auc").asDouble(), 4));
        assertThat(laptop.figure("audit-all-auc")).isEqualTo(fixed(a.get("all_tags_auc").asDouble(), 4));
        assertThat(laptop.count("#tg-curve canvas")).isPositive();
        assertThat(laptop.count("#tg-heat canvas")).isPositive();
        // The demo's tag file plants exact duplicates: the redundancy table is not empty.
        assertThat(a.get("redundant_pairs").size()).isPositive();
    }

    @Test
    void validationShowsEveryScoreOfTheApi() throws Exception {
        JsonNode v = get("/api/validation");
        open("validation");
        assertThat(laptop.figure("validation-rows")).isEqualTo(count(v.get("results").size()));
        for (JsonNode r : v.get("results")) {
            String name = "auc-" + r.get("model").asText() + "-" + r.get("scheme").asText();
            assertThat(laptop.figure(name)).as(name).isEqualTo(fixed(r.get("roc_auc").asDouble(), 3));
        }
        assertThat(laptop.count("#vd-auc canvas")).isPositive();
    }

    @Test
    void actionsShowTheOutboxAndThresholdsOfTheApi() throws Exception {
        JsonNode a = get("/api/actions");
        JsonNode t = get("/api/thresholds");
        open("actions");
        assertThat(laptop.figure("outbox-total")).isEqualTo(count(a.at("/outbox/total").asDouble()));
        for (JsonNode rule : a.at("/outbox/by_rule")) {
            String name = "outbox-" + rule.get("rule_id").asText();
            assertThat(laptop.figure(name)).as(name).isEqualTo(count(rule.get("actions").asDouble()));
        }
        long beyond = 0;
        for (JsonNode seg : t.get("segments")) {
            beyond += seg.get("beyond_threshold").asLong();
        }
        assertThat(laptop.figure("thresholds-users")).isEqualTo(count(t.get("users").asDouble()));
        assertThat(laptop.figure("thresholds-beyond")).isEqualTo(count(beyond));
        for (JsonNode up : a.get("uplift")) {
            String name = "uplift-" + up.get("rule_id").asText();
            assertThat(laptop.figure(name)).as(name).isEqualTo(signedPct(up.get("retention_diff").asDouble()));
        }
        assertThat(a.get("uplift").size()).as("the demo simulates past operations, so there is uplift").isPositive();
    }

    @Test
    void streamShowsTheStoredRunOfTheApiAndSaysTheLiveStreamIsNotRunning() throws Exception {
        JsonNode s = get("/api/stream/summary?limit=200");
        JsonNode run = s.get("run");
        open("stream");
        assertThat(laptop.driver().findElement(By.id("st-live")).getText()).contains("pulse serve --stream");
        assertThat(laptop.figure("stream-events-in")).isEqualTo(count(run.get("events_in").asDouble()));
        assertThat(laptop.figure("stream-alerts")).isEqualTo(count(run.get("alerts").asDouble()));
        assertThat(laptop.figure("stream-sustained")).isEqualTo(count(run.get("alerts_sustained").asDouble()));
        assertThat(laptop.figure("stream-transient")).isEqualTo(count(run.get("alerts_transient").asDouble()));
        long sustained = 0;
        for (JsonNode alert : s.get("alerts")) {
            sustained += alert.get("label").asText().equals("SUSTAINED") ? 1 : 0;
        }
        assertThat((long) laptop.count("#st-run td[data-label='SUSTAINED']")).isEqualTo(sustained);
        assertThat(laptop.count("#st-run td[data-label]")).isEqualTo(s.get("alerts").size());
    }

    @Test
    void streamPageFollowsTheLiveStreamAsEventsArrive() throws Exception {
        LiveStream live = new LiveStream(100_000);
        try (ServeApi server = ServeApi.start(ServerSettings.defaults(0, TOKEN), false, store,
                ActivityOptions.defaults(), ZoneId.of("UTC"), live)) {
            Thread pipeline = new Thread(() -> {
                try {
                    live.run(live.engine(a -> { }), LiveOptions.defaults(), null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "dashboard-test-pipeline");
            pipeline.start();
            String liveBase = "http://127.0.0.1:" + server.port();
            laptop.open(liveBase + "/#/stream", "stream");
            WebDriverWait wait = new WebDriverWait(laptop.driver(), Duration.ofSeconds(60));
            wait.until(d -> live.feed().clients() == 1); // the page follows the alerts

            List<String> lines = CliTest.inReplayOrder(dir.resolve("demo").resolve("data").resolve("events.csv"));
            long posted = 0;
            for (int from = 1; from < lines.size(); from += 5_000) {
                HttpRequest post = HttpRequest.newBuilder(URI.create(liveBase + "/api/events"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                CliTest.eventsJson(lines, from, Math.min(lines.size(), from + 5_000)))).build();
                HttpResponse<String> r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
                while (r.statusCode() == 429) {
                    Thread.sleep(100);
                    r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
                }
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                posted += JSON.readTree(r.body()).get("accepted").asLong();
            }
            long all = posted;
            // The engine takes every event; the page's counters (refreshed every 2 s) come to the same figures.
            wait.until(d -> statsOf(liveBase).get("events_in").asLong() == all);
            JsonNode stats = statsOf(liveBase);
            wait.until(d -> laptop.figure("live-events-in").equals(count(all)));
            wait.until(d -> laptop.figure("live-alerts").equals(count(stats.get("alerts").asDouble())));
            assertThat(laptop.figure("live-sustained")).isEqualTo(count(stats.get("alerts_sustained").asDouble()));
            // Every alert so far reached the page (the newest 100 are listed), each with its label.
            JsonNode recent = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(liveBase
                    + "/api/stream/recent?limit=100")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(recent.get("alerts").size()).isPositive();
            wait.until(d -> laptop.count("#st-live-alerts td[data-label]") == recent.get("alerts").size());
            laptop.screenshot(SHOTS.resolve("laptop-stream-live.png"));
            live.stopIntake();
            pipeline.join(Duration.ofSeconds(60).toMillis());
        }
    }

    private static JsonNode statsOf(String liveBase) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(liveBase + "/api/stream/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyPageLoadsOnlyFromThisServerWithoutErrors() throws Exception {
        laptop.errors();
        for (String page : PAGES) {
            open(page);
            Object foreign = laptop.script("return performance.getEntriesByType('resource').map(e => e.name)"
                    + ".filter(n => !n.startsWith(location.origin));");
            assertThat((List<?>) foreign).as(page).isEmpty();
            laptop.screenshot(SHOTS.resolve("laptop-" + page + ".png"));
        }
        // An analysis not run (or the live stream not started) is a 404 the page explains, not an error.
        assertThat(laptop.errors()).filteredOn(e -> !(e.contains("/api/") && e.contains("status of 404"))).isEmpty();
        assertThat(status("/assets/nothing.js")).isEqualTo(404);
    }

    @Test
    void theDemosReportOpensFromAFileWithNoNetwork() throws Exception {
        JsonNode o = get("/api/overview");
        Path report = dir.resolve("demo").resolve("report").resolve("report.html").toAbsolutePath();
        laptop.errors();
        laptop.driver().get(report.toUri().toString());
        new WebDriverWait(laptop.driver(), Duration.ofSeconds(30)).until(d -> laptop.count("#trend canvas") > 0);
        assertThat(laptop.driver().findElement(By.cssSelector("#activity .big")).getText())
                .isEqualTo(pct(o.get("active_rate").asDouble()));
        for (String chart : List.of("trend", "bubble", "marginal")) {
            assertThat(laptop.count("#" + chart + " canvas")).as(chart).isPositive();
        }
        // The uplift of the past operations the demo simulated, row by row as the API gives it.
        String backtest = laptop.driver().findElement(By.id("backtest")).getText();
        JsonNode uplift = get("/api/actions").get("uplift");
        assertThat(uplift.size()).isPositive();
        for (JsonNode u : uplift) {
            assertThat(backtest).contains(u.get("rule_id").asText() + " " + u.get("action").asText() + " "
                    + count(u.get("treated").asDouble()) + " " + count(u.get("control").asDouble()) + " "
                    + fixed(u.get("retention_diff").asDouble(), 3));
        }
        Object loaded = laptop.script("return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat((List<?>) loaded).as("one file: nothing else is loaded").isEmpty();
        assertThat(laptop.errors()).isEmpty();
        laptop.screenshot(SHOTS.resolve("report.png"));
    }

    @Test
    void assetsComeGzippedToWhoAsksAndUnchangedOnesCostA304() throws Exception {
        byte[] echarts;
        try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(DashboardRoutes.ECHARTS)) {
            echarts = in.readAllBytes();
        }
        URI uri = URI.create(base + "/assets/echarts.min.js");
        HttpResponse<byte[]> plain = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(echarts);

        HttpResponse<byte[]> gz = HTTP.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(gz.body().length).isLessThan(echarts.length / 2);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(echarts);
        }

        String etag = plain.headers().firstValue("etag").orElseThrow();
        assertThat(gz.headers().firstValue("etag")).contains(etag);
        HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<byte[]> other = HTTP.send(HttpRequest.newBuilder(uri).header("If-None-Match", "\"stale\"").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void everyPageFitsAPhoneScreen() throws Exception {
        try (Chromium phone = Chromium.phone(390, 844)) {
            for (String page : PAGES) {
                phone.open(base + "/#/" + page, page);
                long overflow = ((Number) phone.script("return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth;")).longValue();
                assertThat(overflow).as(page + " scrolls sideways on a phone").isLessThanOrEqualTo(0);
                phone.screenshot(SHOTS.resolve("phone-" + page + ".png"));
            }
        }
    }

    @Test
    void protectedReadsAskForTheTokenThenShowTheFigures() throws Exception {
        JsonNode o = get("/api/overview");
        String guardedBase = "http://127.0.0.1:" + guarded.port();
        laptop.open(guardedBase + "/#/overview", "overview");
        assertThat(laptop.driver().findElement(By.id("ov-body")).getText()).contains("wants a token");
        laptop.driver().findElement(By.id("token-button")).click();
        laptop.driver().findElement(By.id("token-input")).sendKeys(TOKEN + "\n");
        new WebDriverWait(laptop.driver(), Duration.ofSeconds(10)).until(d -> laptop.count("[data-figure='active-rate']") == 1);
        assertThat(laptop.figure("active-rate")).isEqualTo(pct(o.get("active_rate").asDouble()));
        laptop.script("sessionStorage.clear();");
        laptop.errors(); // the 401s of the first try
    }

    private static void open(String page) {
        open(page, page);
    }

    private static void open(String hash, String page) {
        // From another page first: the same hash twice would not fire a hashchange.
        laptop.open(base + "/#/" + (page.equals("overview") ? "stream" : "overview"),
                page.equals("overview") ? "stream" : "overview");
        laptop.open(base + "/#/" + hash, page);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    // The dashboard's formats, computed on the exact decimal value of the double, as toFixed does.
    static String fixed(double v, int digits) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    static String pct(double v) {
        return fixed(v * 100, 1) + "%";
    }

    static String signedPct(double v) {
        return (v >= 0 ? "+" : "") + fixed(v * 100, 1) + " pts";
    }

    static String count(double v) {
        return String.format(Locale.US, "%,d", Math.round(v));
    }
}
