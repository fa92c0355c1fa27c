package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ServerSettings;
import io.pulse.server.api.ServeApi;
import io.pulse.server.stream.LiveStream;
import io.pulse.store.PulseStore;
import io.pulse.stream.LiveOptions;
import io.pulse.stream.StreamStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the store's analyses as a web dashboard and a REST API (JSON), until Ctrl-C.",
                "The dashboard is at http://127.0.0.1:PORT/: Overview, Segments, Profile, Tags, Validation,",
                "Actions and Stream, on a laptop or a phone (docs/dashboard.md). The API under /api: activity",
                "(overview and the whole analysis), segments and hidden-value opportunities, a user's profile by",
                "id, tags, the tag audit and audiences, validation results, thresholds and actions, the stored",
                "stream run; the OpenAPI document at /openapi.json. An analysis that has not run answers 404",
                "not_computed with the verb to run. Activity and profiles are computed at start and again after",
                "each new ingest batch.",
                "",
                "With --stream it also runs the live stream engine in the same process: POST /api/events (always",
                "needs the token), GET /api/stream/stats, /api/stream/alerts (server-sent events) and",
                "/api/stream/recent (the last alerts) as reads. Without --stream those answer 404 not_running.",
                "Ctrl-C then takes no more events (503), runs what is queued, stops the server, closes the store",
                "and prints the stream's counts.",
                "",
                "Reads are open unless --read-token-required; writes (POST /api/audiences, POST /api/events)",
                "always need the token: Authorization: Bearer T. Without a token the server takes no writes.",
                "Docs: docs/serve.md."},
        footer = {"", "Examples:",
                "  pulse serve --db shop.duckdb",
                "  PULSE_TOKEN=secret pulse serve --db shop.duckdb --port 9000 --bind 0.0.0.0 --read-token-required",
                "  PULSE_TOKEN=secret pulse serve --db shop.duckdb --stream --alerts alerts.jsonl",
                "  curl -s localhost:8080/api/overview | jq .active_rate",
                "  curl -s localhost:8080/api/stream/recent?limit=10 | jq '.alerts[].key'"})
final class ServeCommand implements Callable<Integer> {

    static final int DEFAULT_QUEUE = 100_000;

    @Mixin
    StoreOptions store;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String bind;

    @Option(names = "--token", paramLabel = "T",
            description = "Bearer token for writes (and reads with --read-token-required); default: the PULSE_TOKEN"
                    + " environment variable.")
    String token;

    @Option(names = "--read-token-required",
            description = "Reads need the token too (default: reads are open).")
    boolean readTokenRequired;

    @Option(names = "--stream",
            description = "Also run the live stream engine (default windows and spike guard, alerts only), fed by"
                    + " POST /api/events; see docs/stream.md.")
    boolean stream;

    @Option(names = "--queue", paramLabel = "N",
            description = "With --stream: events the queue holds before requests get 429 (default " + DEFAULT_QUEUE
                    + ").")
    Integer queueEvents;

    @Option(names = "--max-events", paramLabel = "N",
            description = "With --stream: most events in one POST /api/events; more is answered 413 (default "
                    + ServerSettings.DEFAULT_MAX_EVENTS + ").")
    Integer maxEvents;

    @Option(names = "--alerts", paramLabel = "FILE",
            description = "With --stream: write every alert as a JSON line; - for standard output.")
    Path alerts;

    @Override
    public Integer call() throws Exception {
        String key = token != null ? token : System.getenv("PULSE_TOKEN");
        boolean writable = key != null && !key.isBlank();
        if (!writable && readTokenRequired) {
            throw new PulseInputException("--token", 0, "token",
                    "--read-token-required needs a token: --token T or the PULSE_TOKEN environment variable");
        }
        if (port < 0 || port > 65_535) {
            throw new PulseInputException("--port", 0, "port", "a port is 0 to 65535, got " + port);
        }
        if (!stream && (queueEvents != null || maxEvents != null || alerts != null)) {
            throw new PulseInputException("--stream", 0, "stream", "--queue, --max-events and --alerts go with --stream");
        }
        int queue = queueEvents != null ? queueEvents : DEFAULT_QUEUE;
        int perRequest = maxEvents != null ? maxEvents : ServerSettings.DEFAULT_MAX_EVENTS;
        if (queue < 1 || perRequest < 1) {
            throw new PulseInputException("--queue", 0, "queue", "--queue and --max-events need at least 1");
        }
        if (!Files.isRegularFile(store.db)) {
            throw new PulseInputException(store.db.toString(), "no store here: run 'pulse ingest FILE' first"
                    + " (or 'pulse demo')");
        }
        PulseConfig config = store.config();
        ActivityOptions activity = ActivityOptions.defaults().withDefinition(config.definition())
                .withBand(config.band());
        // Without a token writes are refused: a random one nobody knows keeps every write route closed.
        ServerSettings settings = ServerSettings.defaults(port, writable ? key : unguessable()).withBind(bind)
                .withLimits(ServerSettings.DEFAULT_MAX_BODY, perRequest);
        LiveStream live = stream ? new LiveStream(queue) : null;
        PrintStream out = Json.humanOut(alerts);
        PulseStore s = store.open();
        ServeApi api;
        try {
            System.err.println("pulse serve: reading " + store.db + " (activity and profiles)...");
            api = ServeApi.start(settings, readTokenRequired, s, activity, config.zoneId(), live);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // On Ctrl-C the hook stops the intake (or the wait) and waits while this thread drains and closes.
        return StreamCommand.untilShutdown(live != null ? live::stopIntake : stopped::countDown, () -> {
            out.println("Serving " + store.db + " on http://" + bind + ":" + api.port() + "/  (API under /api,"
                    + " OpenAPI at /openapi.json; reads " + (readTokenRequired ? "need the token" : "open")
                    + ", writes " + (writable ? "need the token" : "disabled: no --token or PULSE_TOKEN")
                    + (live != null ? "; live stream: POST /api/events, GET /api/stream/stats, /api/stream/alerts,"
                    + " /api/stream/recent" : "") + "). Ctrl-C stops.");
            out.flush();
            StreamCommand.AlertTally summary = new StreamCommand.AlertTally();
            long started = System.nanoTime();
            StreamStats stats = null;
            try {
                if (live == null) {
                    stopped.await();
                } else {
                    try (StreamCommand.LiveAlerts sink = StreamCommand.LiveAlerts.open(alerts, false)) {
                        stats = live.run(live.engine(summary.andThen(sink)), LiveOptions.defaults(), null);
                    }
                }
            } finally {
                api.close();
                s.close();
            }
            if (stats != null) {
                summary.print(stats, (System.nanoTime() - started) / 1e9, out);
                out.flush();
            }
            return 0;
        });
    }

    private static String unguessable() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
