package io.pulse.store.actions;

import com.sun.net.httpserver.HttpServer;
import io.pulse.core.actions.ActionSpec;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.Rule;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP server on a free local port that answers 500 to the first two attempts of every
 * idempotency key and 200 afterwards, recording the keys it accepted and the bodies it saw.
 */
class WebhookSenderTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            int status = attempt <= 2 ? 500 : 200;
            if (status == 200) {
                accepted.add(key);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebhookSender.Options options(int maxAttempts) {
        URI url = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/hook");
        return new WebhookSender.Options(url, maxAttempts, Duration.ofMillis(5), Duration.ofSeconds(5));
    }

    private static final RuleSet RULES = new RuleSet("test", List.of(
            new Rule("cart", "any", Trigger.CART_ABANDONMENT, new ActionSpec.Coupon(5, 7), 0),
            new Rule("surge", "any", Trigger.BROWSE_SURGE, new ActionSpec.Recommendation(2), 0),
            new Rule("dormant", "any", Trigger.DORMANCY, new ActionSpec.WinBack("we-miss-you"), 0),
            new Rule("low", "any", Trigger.LOW_ENGAGEMENT, new ActionSpec.ExclusiveService("early-access"), 0)),
            new Caps(14, Caps.NO_BUDGET));

    @Test
    void everyActionArrivesExactlyOnceAfterTwoFailuresAndAReRunSendsNothing() throws Exception {
        try (PulseStore store = HandStore.create(dir.resolve("s.duckdb"))) {
            ActionRun.Result run = ActionRun.run(store, RULES, new ActionRun.Options(true, null, HandStore.NOW));
            List<String> ids = run.rows().stream().map(Outbox.Row::actionId).toList();
            assertThat(ids).hasSize(4);

            WebhookSender.Result sent = WebhookSender.send(store, options(5));
            assertThat(sent).isEqualTo(new WebhookSender.Result(4, 0, 0, 12));
            assertThat(accepted).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(bodies).allSatisfy(b -> assertThat(b).contains("\"action_id\""));
            assertThat(store.scalarLong("SELECT count(*) FROM outbox WHERE status = 'sent' AND attempts = 3"
                    + " AND sent_at IS NOT NULL")).isEqualTo(4);

            WebhookSender.Result again = WebhookSender.send(store, options(5));
            assertThat(again).isEqualTo(new WebhookSender.Result(0, 0, 0, 0));
            assertThat(accepted).hasSize(4);
        }
    }

    @Test
    void aRowThatRunsOutOfAttemptsStaysPendingAndIsSentOnceByTheNextRun() throws Exception {
        try (PulseStore store = HandStore.create(dir.resolve("s.duckdb"))) {
            ActionRun.run(store, RULES, new ActionRun.Options(true, null, HandStore.NOW));

            WebhookSender.Result first = WebhookSender.send(store, options(1));
            assertThat(first).isEqualTo(new WebhookSender.Result(0, 0, 4, 4));
            assertThat(store.scalarLong("SELECT count(*) FROM outbox WHERE status = 'pending' AND attempts = 1"))
                    .isEqualTo(4);

            WebhookSender.Result second = WebhookSender.send(store, options(5));
            assertThat(second).isEqualTo(new WebhookSender.Result(4, 0, 0, 8));
            assertThat(accepted).hasSize(4).doesNotHaveDuplicates();
            assertThat(store.scalarLong("SELECT count(*) FROM outbox WHERE status = 'sent' AND attempts = 3"))
                    .isEqualTo(4);
        }
    }

    @Test
    void controlRowsAreNeverSent() throws Exception {
        RuleSet allHeldOut = new RuleSet("test", List.of(
                new Rule("cart", "any", Trigger.CART_ABANDONMENT, new ActionSpec.Coupon(5, 7), 0.999999)),
                Caps.DEFAULTS);
        try (PulseStore store = HandStore.create(dir.resolve("s.duckdb"))) {
            ActionRun.Result run = ActionRun.run(store, allHeldOut, new ActionRun.Options(true, null, HandStore.NOW));
            assertThat(run.rows()).singleElement().satisfies(r -> assertThat(r.control()).isTrue());
            assertThat(WebhookSender.send(store, options(3)).requests()).isZero();
            assertThat(bodies).isEmpty();
        }
    }
}
