package io.pulse.store.actions;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * POSTs the pending rows of the {@link Outbox} to a webhook, one JSON payload per request, with the
 * header {@code Idempotency-Key: action_id}. Connection errors, 5xx, 408 and 429 are retried with
 * exponential backoff up to {@code maxAttempts}; any other 4xx marks the row failed. A row is marked
 * sent as soon as the receiver accepts it, so a re-run skips it; if Pulse dies between the receiver's
 * answer and that mark, the re-run sends again with the same key, which is what the key is for.
 */
public final class WebhookSender {

    private WebhookSender() {
    }

    /** @param firstBackoff wait after the first failed attempt; doubled after each further one */
    public record Options(URI url, int maxAttempts, Duration firstBackoff, Duration timeout) {

        public Options {
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new PulseInputException("--webhook", 0, "webhook", "need an http(s) URL, got '" + url + "'");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }

        public static Options of(URI url) {
            return new Options(url, 5, Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    /** @param pending rows still pending after this run (every attempt failed with a retryable error) */
    public record Result(int sent, int failed, int pending, int requests) {
    }

    private record Pending(String actionId, String payload) {
    }

    private enum Outcome { SENT, REFUSED, RETRY }

    public static Result send(PulseStore store, Options o) {
        Outbox.create(store);
        HttpClient client = HttpClient.newBuilder().connectTimeout(o.timeout()).build();
        int sent = 0;
        int failed = 0;
        int pending = 0;
        int requests = 0;
        for (Pending p : pending(store)) {
            Outcome outcome = Outcome.RETRY;
            int attempts = 0;
            while (outcome == Outcome.RETRY && attempts < o.maxAttempts()) {
                if (attempts > 0) {
                    sleep(o.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20)));
                }
                attempts++;
                outcome = post(client, o, p);
            }
            requests += attempts;
            switch (outcome) {
                case SENT -> sent++;
                case REFUSED -> failed++;
                case RETRY -> pending++;
            }
            mark(store, p.actionId(), outcome, attempts);
        }
        return new Result(sent, failed, pending, requests);
    }

    private static Outcome post(HttpClient client, Options o, Pending p) {
        HttpRequest request = HttpRequest.newBuilder(o.url()).timeout(o.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", p.actionId())
                .POST(HttpRequest.BodyPublishers.ofString(p.payload())).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.SENT;
            }
            return status >= 500 || status == 408 || status == 429 ? Outcome.RETRY : Outcome.REFUSED;
        } catch (IOException e) {
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while sending actions", e);
        }
    }

    private static List<Pending> pending(PulseStore store) {
        List<Pending> out = new ArrayList<>();
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT action_id, payload FROM outbox WHERE status = '" + Outbox.PENDING
                     + "' AND NOT control ORDER BY created_at, action_id")) {
            while (rs.next()) {
                out.add(new Pending(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
        }
        return out;
    }

    private static void mark(PulseStore store, String actionId, Outcome outcome, int attempts) {
        String status = switch (outcome) {
            case SENT -> Outbox.SENT;
            case REFUSED -> Outbox.FAILED;
            case RETRY -> Outbox.PENDING;
        };
        try (PreparedStatement p = store.connection().prepareStatement(
                "UPDATE outbox SET status = ?, attempts = attempts + ?, sent_at = ? WHERE action_id = ?")) {
            p.setString(1, status);
            p.setInt(2, attempts);
            p.setObject(3, outcome == Outcome.SENT ? Outbox.utc(Instant.now()) : null);
            p.setString(4, actionId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot mark action " + actionId + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to retry", e);
        }
    }
}
