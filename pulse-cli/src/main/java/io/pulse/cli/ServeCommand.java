package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ServerSettings;
import io.pulse.server.api.ServeApi;
import io.pulse.store.PulseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the store's analyses as a REST API (JSON), until Ctrl-C.",
                "Activity (overview and the whole analysis), segments and hidden-value opportunities, a user's",
                "profile by id, tags and audiences, validation results, thresholds and actions; the OpenAPI",
                "document at /openapi.json. An analysis that has not run answers 404 not_computed with the verb",
                "to run. Activity and profiles are computed at start and again after each new ingest batch.",
                "",
                "Reads are open unless --read-token-required; writes (POST /api/audiences) always need the",
                "token: Authorization: Bearer T. Without a token the server takes no writes.",
                "Docs: docs/serve.md."},
        footer = {"", "Examples:",
                "  pulse serve --db shop.duckdb",
                "  PULSE_TOKEN=secret pulse serve --db shop.duckdb --port 9000 --bind 0.0.0.0 --read-token-required",
                "  curl -s localhost:8080/api/overview | jq .active_rate"})
final class ServeCommand implements Callable<Integer> {

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

    @Override
    public Integer call() throws InterruptedException {
        String key = token != null ? token : System.getenv("PULSE_TOKEN");
        boolean writable = key != null && !key.isBlank();
        if (!writable && readTokenRequired) {
            throw new PulseInputException("--token", 0, "token",
                    "--read-token-required needs a token: --token T or the PULSE_TOKEN environment variable");
        }
        if (port < 0 || port > 65_535) {
            throw new PulseInputException("--port", 0, "port", "a port is 0 to 65535, got " + port);
        }
        if (!Files.isRegularFile(store.db)) {
            throw new PulseInputException(store.db.toString(), "no store here: run 'pulse ingest FILE' first"
                    + " (or 'pulse demo')");
        }
        PulseConfig config = store.config();
        ActivityOptions activity = ActivityOptions.defaults().withDefinition(config.definition())
                .withBand(config.band());
        // Without a token writes are refused: a random one nobody knows keeps every write route closed.
        ServerSettings settings = ServerSettings.defaults(port, writable ? key : unguessable()).withBind(bind);
        CountDownLatch stopped = new CountDownLatch(1);
        PulseStore s = store.open();
        ServeApi api;
        try {
            System.err.println("pulse serve: reading " + store.db + " (activity and profiles)...");
            api = ServeApi.start(settings, readTokenRequired, s, activity, config.zoneId());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        Thread hook = new Thread(() -> {
            api.close();
            s.close();
            stopped.countDown();
        }, "pulse-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("Serving " + store.db + " on http://" + bind + ":" + api.port() + "/  (API under /api,"
                + " OpenAPI at /openapi.json; reads " + (readTokenRequired ? "need the token" : "open") + ", writes "
                + (writable ? "need the token" : "disabled: no --token or PULSE_TOKEN") + "). Ctrl-C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static String unguessable() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
