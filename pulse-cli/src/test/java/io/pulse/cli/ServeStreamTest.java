package io.pulse.cli;

import static io.pulse.cli.CliTest.pulse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.core.progress.Progress;
import io.pulse.generate.Campaigns;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.server.ServerSettings;
import io.pulse.server.api.ServeApi;
import io.pulse.server.stream.LiveStream;
import io.pulse.store.PulseStore;
import io.pulse.stream.AlertJson;
import io.pulse.stream.FileReplay;
import io.pulse.stream.LiveOptions;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse serve --stream} in process, on a real server over a real store: a generated event stream (4,000
 * users, 90 days, planted spikes and shifts) posted in the order a file replay feeds it, with an SSE client
 * listening. The stats over HTTP, the engine's end, the SSE alerts and {@code /api/stream/recent} must all equal
 * the file replay of the same events; reads follow serve's policy, the intake always needs the token.
 */
class ServeStreamTest {

    static final String TOKEN = "serve-stream-token";
    static final int BATCH = 5_000;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static final List<PulseStore> stores = new ArrayList<>();
    static LiveStream live;
    static ServeApi api;
    static ServeApi guarded;
    static ServeApi plain;
    static Thread pipeline;
    static final AtomicReference<StreamStats> ended = new AtomicReference<>();
    static final AtomicReference<Throwable> failure = new AtomicReference<>();

    static final List<String> replayAlerts = new ArrayList<>();
    static StreamStats replayStats;
    static final List<String> engineAlerts = new CopyOnWriteArrayList<>();
    static final List<String> sseData = new CopyOnWriteArrayList<>();
    static long posted;
    static JsonNode statsAfterPosting;
    static JsonNode recentAll;
    static JsonNode recentDefault;
    static JsonNode unauthorizedPost;
    static long queuedAfterUnauthorizedPost;

    @BeforeAll
    static void serveTheStoreWithTheStreamAndPostTheReplayedEvents() throws Exception {
        Path data = dir.resolve("data");
        StoreGenerator.generate(new GeneratorConfig(4_000, 90, 11, LocalDate.of(2025, 1, 1), 20.0, 2,
                Campaigns.disabled()), data, Progress.NONE);
        Path events = data.resolve("events.csv");
        Path db = dir.resolve("store.duckdb");
        CliTest.Run ingest = pulse("ingest", events.toString(), "--users", data.resolve("users.csv").toString(),
                "--db", db.toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();
        Files.copy(db, dir.resolve("guarded.duckdb"));
        Files.copy(db, dir.resolve("plain.duckdb"));

        FileReplay replay = FileReplay.open(events);
        replayStats = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> replayAlerts.add(AlertJson.line(a)),
                e -> { }).replay(replay, 0);

        live = new LiveStream(100_000);
        api = serve(db, false, live);
        guarded = serve(dir.resolve("guarded.duckdb"), true, new LiveStream(10));
        plain = serve(dir.resolve("plain.duckdb"), false, null);
        pipeline = new Thread(() -> {
            try {
                ended.set(live.run(live.engine(a -> engineAlerts.add(AlertJson.line(a))), LiveOptions.defaults(), null));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-pipeline");
        pipeline.start();

        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> sse = CLIENT.sendAsync(
                HttpRequest.newBuilder(uri(api, "/api/stream/alerts")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> sse.join().body().filter(l -> l.startsWith("data:"))
                .forEach(l -> sseData.add(l.substring(5).strip())), "test-sse");
        reader.setDaemon(true);
        reader.start();
        awaitTrue(() -> live.feed().clients() == 1, "the SSE client, without a token, subscribed");

        List<String> lines = CliTest.inReplayOrder(events);
        unauthorizedPost = json(post(api, null, CliTest.eventsJson(lines, 1, 11)), 401);
        queuedAfterUnauthorizedPost = live.ingest().acceptedEvents();
        for (int from = 1; from < lines.size(); from += BATCH) {
            byte[] body = CliTest.eventsJson(lines, from, Math.min(lines.size(), from + BATCH));
            HttpResponse<String> r = post(api, TOKEN, body);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (r.statusCode() == 429 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                r = post(api, TOKEN, body);
            }
            posted += json(r, 202).get("accepted").asLong();
        }
        awaitTrue(() -> {
            JsonNode s = json(get(api, "/api/stream/stats", null), 200);
            return s.get("events_in").asLong() == posted && s.get("ingest").get("queued_events").asLong() == 0;
        }, "the engine took every posted event");
        // The windows still open close only when the run ends; what is closed by now is final.
        statsAfterPosting = json(get(api, "/api/stream/stats", null), 200);

        live.stopIntake();
        pipeline.join(Duration.ofSeconds(60).toMillis());
        awaitTrue(() -> sseData.size() >= engineAlerts.size(), "every alert reached the SSE client");
        recentAll = json(get(api, "/api/stream/recent?limit=1000", null), 200);
        recentDefault = json(get(api, "/api/stream/recent", null), 200);
    }

    static ServeApi serve(Path db, boolean readTokenRequired, LiveStream stream) {
        PulseStore s = PulseStore.open(db);
        stores.add(s);
        return ServeApi.start(ServerSettings.defaults(0, TOKEN), readTokenRequired, s, ActivityOptions.defaults(),
                ZoneId.of("UTC"), stream);
    }

    @AfterAll
    static void stop() {
        for (ServeApi a : new ServeApi[] {api, guarded, plain}) {
            if (a != null) {
                a.close();
            }
        }
        stores.forEach(PulseStore::close);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    static URI uri(ServeApi server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<String> get(ServeApi server, String path, String token) throws Exception {
        return ServeTest.get(server, path, token);
    }

    static HttpResponse<String> post(ServeApi server, String token, byte[] events) throws Exception {
        return ServeTest.post(server, "/api/events", token, HttpRequest.BodyPublishers.ofByteArray(events));
    }

    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        return ServeTest.json(r, status);
    }

    static List<JsonNode> parsed(List<String> lines) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void everyPostedEventReachesTheEngineAndItEndsWithTheFileReplaysStatsAndAlerts() {
        assertThat(failure.get()).isNull();
        assertThat(posted).isEqualTo(replayStats.eventsIn());
        assertThat(ended.get()).isEqualTo(replayStats);
        assertThat(replayAlerts).hasSizeGreaterThan(5);
        assertThat(engineAlerts).containsExactlyElementsOf(replayAlerts);
    }

    @Test
    void theStatsRouteCountsWhatTheFileReplayCounts() {
        JsonNode s = statsAfterPosting;
        assertThat(s.get("events_in").asLong()).isEqualTo(replayStats.eventsIn());
        assertThat(s.get("late").asLong()).isEqualTo(replayStats.late());
        assertThat(s.get("duplicates").asLong()).isEqualTo(replayStats.duplicates());
        assertThat(s.get("accepted").asLong()).isEqualTo(replayStats.accepted());
        replayStats.filtered().forEach((reason, n) -> assertThat(s.get("filtered")
                .get(reason.name().toLowerCase(Locale.ROOT)).asLong()).as(reason.name()).isEqualTo(n));
        assertThat(s.get("alerts").asLong()).isEqualTo(s.get("alerts_transient").asLong()
                + s.get("alerts_sustained").asLong()).isPositive();
        assertThat(s.get("ingest").get("accepted_events").asLong()).isEqualTo(posted);
        assertThat(s.get("sse_clients").asInt()).isEqualTo(1);
    }

    @Test
    void theSseClientWithoutATokenReceivesEveryAlertAsItIsEmitted() {
        assertThat(sseData).containsExactlyElementsOf(engineAlerts);
    }

    @Test
    void recentAnswersTheLastAlertsNewestFirst() throws Exception {
        List<JsonNode> newestFirst = parsed(engineAlerts);
        java.util.Collections.reverse(newestFirst);
        assertThat(engineAlerts).hasSizeLessThanOrEqualTo(1000);
        assertThat(recentAll.get("alerts")).containsExactlyElementsOf(newestFirst);
        assertThat(recentDefault.get("alerts")).containsExactlyElementsOf(
                newestFirst.subList(0, Math.min(100, newestFirst.size())));
        for (String q : List.of("limit=0", "limit=1001", "limit=ten")) {
            assertThat(json(get(api, "/api/stream/recent?" + q, null), 400).get("code").asText())
                    .isEqualTo("bad_parameter");
        }
    }

    @Test
    void postingEventsNeedsTheTokenAndAStoppedIntakeIs503() throws Exception {
        assertThat(unauthorizedPost.get("code").asText()).isEqualTo("unauthorized");
        assertThat(queuedAfterUnauthorizedPost).isZero();
        HttpResponse<String> late = post(api, TOKEN, "[]".getBytes());
        assertThat(json(late, 503).get("code").asText()).isEqualTo("shutting_down");
    }

    @Test
    void withReadTokenRequiredTheStreamReadsNeedTheToken() throws Exception {
        for (String path : List.of("/api/stream/stats", "/api/stream/recent", "/api/stream/alerts")) {
            assertThat(json(get(guarded, path, null), 401).get("code").asText()).as(path).isEqualTo("unauthorized");
        }
        assertThat(json(get(guarded, "/api/stream/stats", TOKEN), 200).get("ingest").get("capacity").asInt())
                .isEqualTo(10);
        assertThat(json(get(guarded, "/api/stream/recent", TOKEN), 200).get("alerts")).isEmpty();
    }

    @Test
    void withoutStreamTheStreamRoutesAnswer404NotRunning() throws Exception {
        for (String path : List.of("/api/stream/stats", "/api/stream/recent", "/api/stream/alerts")) {
            JsonNode e = json(get(plain, path, null), 404);
            assertThat(e.get("code").asText()).as(path).isEqualTo("not_running");
            assertThat(e.get("message").asText()).isEqualTo("the live stream is not running: start pulse serve --stream");
        }
        assertThat(json(post(plain, null, "[]".getBytes()), 401).get("code").asText()).isEqualTo("unauthorized");
        assertThat(json(post(plain, TOKEN, "[]".getBytes()), 404).get("code").asText()).isEqualTo("not_running");
        assertThat(json(get(plain, "/api/nothing", null), 404).get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRegisteredRoutesWithTheStreamAndWithout() throws Exception {
        for (ServeApi server : new ServeApi[] {api, guarded, plain}) {
            JsonNode doc = json(get(server, "/openapi.json", null), 200);
            Set<String> listed = new HashSet<>();
            doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(m -> listed.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
            Set<String> registered = new HashSet<>(server.routes());
            registered.removeIf(r -> r.startsWith("HEAD ") || r.startsWith("OPTIONS "));
            assertThat(listed).isEqualTo(registered).isEqualTo(new HashSet<>(server.documented()))
                    .contains("POST /api/events", "GET /api/stream/stats", "GET /api/stream/alerts",
                            "GET /api/stream/recent");
            assertThat(doc.get("paths").get("/api/events").get("post").get("security")).isNotNull();
        }
        JsonNode open = json(get(api, "/openapi.json", null), 200);
        assertThat(open.get("paths").get("/api/stream/stats").get("get").get("security")).isNull();
        JsonNode closed = json(get(guarded, "/openapi.json", null), 200);
        assertThat(closed.get("paths").get("/api/stream/stats").get("get").get("security")).isNotNull();
    }
}
