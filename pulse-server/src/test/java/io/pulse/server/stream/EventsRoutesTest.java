package io.pulse.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulse.server.Http;
import io.pulse.server.ServerSettings;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code POST /api/events} refuses, on a real server whose pipeline is not running, so the queue (of 3
 * events) only fills: every refusal is JSON with a code and a message, and queues nothing.
 */
class EventsRoutesTest {

    static final String TOKEN = "s3cret-token";
    static final String EVENT = "{\"event_id\":\"e%d\",\"user_id\":\"u1\",\"ts\":\"2025-01-01T00:00:0%dZ\",\"type\":\"view\"}";

    HttpStream stream;

    @BeforeEach
    void start() {
        stream = HttpStream.start(ServerSettings.defaults(0, TOKEN).withLimits(4096, 5), 3);
    }

    @AfterEach
    void stop() throws InterruptedException {
        stream.close();
    }

    static String events(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(EVENT, i, i));
        }
        return b.append(']').toString();
    }

    HttpResponse<String> post(String token, String body) throws Exception {
        return Http.post(stream.port(), "/api/events", token, body);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return Http.JSON.readTree(r.body());
    }

    @Test
    void anAcceptedBatchIs202WithItsCountAndTheQueueFill() throws Exception {
        HttpResponse<String> r = post(TOKEN, events(2));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(json(r).get("accepted").asInt()).isEqualTo(2);
        assertThat(json(r).get("queued_events").asInt()).isEqualTo(2);
        assertThat(stream.ingest().queued()).isEqualTo(2);
    }

    @Test
    void withoutATokenOrWithAWrongOneTheAnswerIs401AndNothingIsQueued() throws Exception {
        HttpResponse<String> none = post(null, events(1));
        HttpResponse<String> wrong = post("s3cret-tokeN", events(1));
        HttpResponse<String> prefix = post("s3cret", events(1));

        for (HttpResponse<String> r : new HttpResponse[] {none, wrong, prefix}) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).get("code").asText()).isEqualTo("unauthorized");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(Http.get(stream.port(), "/api/stream/stats", "wrong").statusCode()).isEqualTo(401);
        assertThat(stream.ingest().queued()).isZero();
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        HttpResponse<String> r = Http.get(stream.port(), "/api/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        HttpResponse<String> declared = Http.post(stream.port(), "/api/events", TOKEN, big);
        HttpResponse<String> chunked = Http.send(stream.port(), "/api/events", TOKEN,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        for (HttpResponse<String> r : new HttpResponse[] {declared, chunked}) {
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(r).get("code").asText()).isEqualTo("body_too_large");
        }
    }

    @Test
    void moreEventsThanARequestMayCarryIs413() throws Exception {
        HttpResponse<String> r = post(TOKEN, events(6));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("code").asText()).isEqualTo("too_many_events");
    }

    @Test
    void badEventsAre400WithIndexFieldAndReasonAndTheGoodOnesAreNotQueuedEither() throws Exception {
        String body = "[" + String.format(EVENT, 0, 0)
                + ",{\"user_id\":\"u2\",\"ts\":\"yesterday\",\"type\":\"view\"}"
                + ",{\"user_id\":\"u3\",\"ts\":1735689600,\"type\":\"purchase\",\"amount\":\"ten\"}"
                + ",{\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"view\",\"userId\":\"u4\"}]";
        HttpResponse<String> r = post(TOKEN, body);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = json(r);
        assertThat(e.get("code").asText()).isEqualTo("invalid_events");
        assertThat(e.get("message").asText()).contains("3 of 4 events are invalid");
        JsonNode errors = e.get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("ts");
        assertThat(errors.get(0).get("reason").asText()).contains("yesterday");
        assertThat(errors.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(errors.get(1).get("field").asText()).isEqualTo("amount");
        assertThat(errors.get(2).get("index").asInt()).isEqualTo(3);
        assertThat(errors.get(2).get("field").asText()).isEqualTo("userId");
        assertThat(stream.ingest().queued()).isZero();
    }

    @Test
    void bodiesThatAreNotAnArrayOfEventsAre400() throws Exception {
        assertThat(json(post(TOKEN, "{\"user_id\":\"u1\"}")).get("code").asText()).isEqualTo("not_an_array");
        HttpResponse<String> broken = post(TOKEN, "[{\"user_id\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("code").asText()).isEqualTo("invalid_json");
        assertThat(json(broken).get("message").asText()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aFullQueueIs429WithRetryAfterAndTakesNoneOfTheRequest() throws Exception {
        assertThat(post(TOKEN, events(2)).statusCode()).isEqualTo(202);
        HttpResponse<String> r = post(TOKEN, events(2));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(r).get("code").asText()).isEqualTo("queue_full");
        assertThat(stream.ingest().queued()).isEqualTo(2);
        assertThat(stream.ingest().fullRequests()).isEqualTo(1);
        assertThat(post(TOKEN, events(1)).statusCode()).isEqualTo(202);
    }

    @Test
    void afterTheIntakeStopsARequestIs503() throws Exception {
        stream.stopIntake();
        HttpResponse<String> r = post(TOKEN, events(1));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("code").asText()).isEqualTo("shutting_down");
    }

    @Test
    void anUnknownRouteIs404AsJson() throws Exception {
        HttpResponse<String> r = Http.get(stream.port(), "/api/nothing", TOKEN);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("code").asText()).isEqualTo("not_found");
    }
}
