package io.pulse.server.stream;

import io.javalin.http.sse.SseClient;
import io.pulse.stream.Alert;
import io.pulse.stream.AlertJson;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Alerts to the server-sent-event clients, as they are emitted. The pipeline thread only formats the alert
 * and queues it: one sender thread writes to the clients, so a slow client never stalls the stream. When
 * {@value #BACKLOG} alerts wait for it, later ones are dropped for the clients and counted ({@link #dropped()});
 * the alert file is not affected.
 */
public final class AlertFeed implements Consumer<Alert>, AutoCloseable {

    static final int BACKLOG = 10_000;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(BACKLOG), r -> {
                Thread t = new Thread(r, "pulse-alert-feed");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> dropped.incrementAndGet());

    /** Takes a new SSE client; it stays open until it disconnects or the feed closes. */
    public void subscribe(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        sender.execute(() -> {
            client.sendComment("pulse alerts");
            clients.add(client);
        });
    }

    @Override
    public void accept(Alert alert) {
        String json = AlertJson.line(alert);
        String id = alert.id();
        sender.execute(() -> {
            for (SseClient c : clients) {
                if (c.terminated()) {
                    clients.remove(c);
                } else {
                    c.sendEvent("alert", json, id);
                }
            }
        });
    }

    /** Clients subscribed now. */
    public int clients() {
        return clients.size();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Sends what is queued (for at most a few seconds), then ends every client's stream. */
    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        for (SseClient c : clients) {
            c.close();
        }
        clients.clear();
    }
}
