package io.pulse.bench;

import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ServerSettings;
import io.pulse.server.api.ServeApi;
import io.pulse.store.PulseStore;
import io.pulse.store.views.StoreReader;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Latency of {@code pulse serve}'s overview and profile endpoints under a fixed request rate, on loopback.
 *
 * <p>Open loop: request i is due at {@code start + i / rate} whatever happened to the ones before, and its
 * latency runs from that due time to the last byte of the answer. A server that stalls therefore shows the stall
 * in every request that was due during it (no coordinated omission), as a closed loop of clients waiting on each
 * other would not. The server runs in this JVM (same two cores as the load), on the store given, e.g. the 20k-user
 * store of {@code pulse demo}.
 *
 * <p>{@code java -cp pulse-bench.jar io.pulse.bench.ApiLatencyBench STORE [--rate=500] [--seconds=30]
 * [--warmup=10]}
 */
public final class ApiLatencyBench {

    private ApiLatencyBench() {
    }

    record Result(String endpoint, int sent, int errors, double achievedRate, double p50, double p99, double p999,
                  double max) {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of("target/bench-api/pulse.duckdb");
        double rate = 500;
        double seconds = 30;
        double warmup = 10;
        for (String a : args) {
            if (a.startsWith("--rate=")) {
                rate = Double.parseDouble(a.substring(7));
            } else if (a.startsWith("--seconds=")) {
                seconds = Double.parseDouble(a.substring(10));
            } else if (a.startsWith("--warmup=")) {
                warmup = Double.parseDouble(a.substring(9));
            } else if (!a.startsWith("--")) {
                db = Path.of(a);
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!Files.isRegularFile(db)) {
            throw new IllegalArgumentException(db + " is not a store: run 'pulse demo --dir DIR' and pass DIR/pulse.duckdb");
        }
        try (PulseStore store = PulseStore.open(db)) {
            long started = System.nanoTime();
            try (ServeApi api = ServeApi.start(ServerSettings.defaults(0, "bench-token"), false, store,
                    ActivityOptions.defaults(), ZoneId.of("UTC"))) {
                double startSeconds = (System.nanoTime() - started) / 1e9;
                String[] users = userIds(store);
                // Daemon threads: the JVM ends with main, whatever the client still holds.
                ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "bench-client");
                    t.setDaemon(true);
                    return t;
                });
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(threads).connectTimeout(Duration.ofSeconds(5)).build();
                String base = "http://127.0.0.1:" + api.port();
                SplittableRandom random = new SplittableRandom(42);
                IntFunction<URI> overview = i -> URI.create(base + "/api/overview");
                IntFunction<URI> profile = i -> URI.create(base + "/api/users/" + users[random.nextInt(users.length)]);
                IntFunction<URI> mixed = i -> (i % 2 == 0 ? overview : profile).apply(i);
                System.out.printf(Locale.ROOT, "## API latency, %s, %s; load average before: %s%n%n", Instant.now(),
                        Machine.current().describe(), loadAverage());
                System.out.printf(Locale.ROOT, "store %s: %d users; server start (activity + profile index) %.1f s;"
                        + " %.0f requests/s open loop, %.0f s measured after %.0f s warm-up%n%n", db, users.length,
                        startSeconds, rate, seconds, warmup);
                System.out.println("| endpoint | requests | errors | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms |");
                System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                for (Object[] run : new Object[][] {{"GET /api/overview", overview},
                        {"GET /api/users/{id}", profile}, {"both, alternating", mixed}}) {
                    @SuppressWarnings("unchecked")
                    IntFunction<URI> target = (IntFunction<URI>) run[1];
                    load(client, target, rate, warmup);
                    Result r = load(client, target, rate, seconds);
                    System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f |%n", run[0],
                            r.sent(), r.errors(), r.achievedRate(), r.p50(), r.p99(), r.p999(), r.max());
                }
                System.out.println();
                System.out.println("load average after: " + loadAverage());
                threads.shutdownNow();
            }
        }
    }

    /** Sends {@code rate} requests a second for {@code seconds}, each due on its schedule; latencies from the due time. */
    static Result load(HttpClient client, IntFunction<URI> target, double rate, double seconds) throws Exception {
        int n = (int) Math.round(rate * seconds);
        long[] latency = new long[n];
        AtomicInteger errors = new AtomicInteger();
        // Bodies are read to the last byte and dropped: holding 40 kB answers would make the load generator's own
        // garbage collection the thing measured.
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * 1e9 / rate);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int at = i;
            HttpRequest req = HttpRequest.newBuilder(target.apply(i)).GET().build();
            client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
                latency[at] = System.nanoTime() - due;
                if (err != null || resp.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latency);
        return new Result("", n, errors.get(), n / elapsed, ms(latency, 0.50), ms(latency, 0.99), ms(latency, 0.999),
                latency[n - 1] / 1e6);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static String[] userIds(PulseStore store) {
        try (StoreReader r = new StoreReader(store)) {
            return r.rows("SELECT DISTINCT user_id FROM events ORDER BY user_id").stream()
                    .map(m -> (String) m.get("user_id")).toArray(String[]::new);
        }
    }
}
