package io.pulse.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.core.progress.Progress;
import io.pulse.generate.Campaigns;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.server.Http;
import io.pulse.server.ServerSettings;
import io.pulse.stream.AlertJson;
import io.pulse.stream.EventParser;
import io.pulse.stream.FileReplay;
import io.pulse.stream.LiveOptions;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamStats;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated store (4,000 users, 90 days, planted spikes and shifts) posted to a real server in batches, in
 * the order a file replay feeds it, with an SSE client listening: the engine behind the server must end with
 * the file replay's stats and alerts, and the SSE client must have received every alert.
 */
class HttpStreamTest {

    static final String TOKEN = "test-token-1";
    static final int BATCH = 5_000;

    @TempDir
    static Path store;

    static List<String> replayAlerts = new ArrayList<>();
    static StreamStats replayStats;
    static List<String> httpAlerts = new ArrayList<>();
    static StreamStats httpStats;
    static List<String> sseData = new CopyOnWriteArrayList<>();
    static int posted;
    static long throttled;

    @BeforeAll
    static void replayTheFileThenPostTheSameEvents() throws Exception {
        StoreGenerator.generate(new GeneratorConfig(4_000, 90, 11, LocalDate.of(2025, 1, 1), 20.0, 2,
                Campaigns.disabled()), store, Progress.NONE);
        Path events = store.resolve("events.csv");
        FileReplay replay = FileReplay.open(events);
        replayStats = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> replayAlerts.add(AlertJson.line(a)),
                e -> { }).replay(replay, 0);

        try (HttpStream stream = HttpStream.start(ServerSettings.defaults(0, TOKEN), 100_000)) {
            StreamEngine engine = new StreamEngine(StreamConfig.defaults(),
                    new EventParser(EventParser.CANONICAL_HEADER, "http"),
                    stream.alerts().andThen(a -> httpAlerts.add(AlertJson.line(a))), e -> { });
            AtomicReference<StreamStats> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread pipeline = new Thread(() -> {
                try {
                    result.set(stream.run(engine, LiveOptions.defaults(), null));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-pipeline");
            pipeline.start();

            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> sse = Http.CLIENT.sendAsync(
                    HttpRequest.newBuilder(Http.uri(stream.port(), "/api/stream/alerts"))
                            .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            Thread reader = new Thread(() -> sse.join().body().filter(l -> l.startsWith("data:"))
                    .forEach(l -> sseData.add(l.substring(5).strip())), "test-sse");
            reader.setDaemon(true);
            reader.start();
            awaitTrue(() -> stream.feed().clients() == 1, "the SSE client subscribed");

            List<String> lines = CsvEvents.inReplayOrder(events);
            for (int from = 1; from < lines.size(); from += BATCH) {
                byte[] body = CsvEvents.json(lines.get(0), lines, from, Math.min(lines.size(), from + BATCH));
                HttpResponse<String> r = Http.post(stream.port(), "/api/events", TOKEN, body);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (r.statusCode() == 429 && System.nanoTime() < deadline) {
                    throttled++;
                    Thread.sleep(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) * 100);
                    r = Http.post(stream.port(), "/api/events", TOKEN, body);
                }
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                posted += (int) Http.JSON.readTree(r.body()).get("accepted").asLong();
            }
            stream.stopIntake();
            pipeline.join(Duration.ofSeconds(60).toMillis());
            assertThat(failure.get()).isNull();
            httpStats = result.get();
            awaitTrue(() -> sseData.size() >= httpAlerts.size(), "every alert reached the SSE client");
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void everyPostedEventReachesTheEngine() {
        assertThat(posted).isEqualTo(replayStats.eventsIn());
        assertThat(httpStats.eventsIn()).isEqualTo(posted);
    }

    @Test
    void theEngineFedOverHttpEndsWithTheFileReplaysStats() {
        assertThat(httpStats).isEqualTo(replayStats);
    }

    @Test
    void theEngineFedOverHttpEmitsTheFileReplaysAlertsInTheSameOrder() {
        assertThat(replayAlerts).hasSizeGreaterThan(5);
        assertThat(httpAlerts).containsExactlyElementsOf(replayAlerts);
    }

    @Test
    void theSseClientReceivesEveryAlertAsItIsEmitted() {
        assertThat(sseData).containsExactlyElementsOf(httpAlerts);
    }
}
