package io.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulse.core.PulseInputException;
import io.pulse.server.ServerSettings;
import io.pulse.server.stream.HttpStream;
import io.pulse.store.stream.StreamTables;
import io.pulse.stream.Alert;
import io.pulse.stream.AlertJson;
import io.pulse.stream.Checkpoint;
import io.pulse.stream.EventParser;
import io.pulse.stream.FileReplay;
import io.pulse.stream.LiveOptions;
import io.pulse.stream.ReplayMain;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;
import picocli.CommandLine.Command;
import io.pulse.stream.kafka.KafkaEventSource;
import io.pulse.stream.kafka.KafkaLiveSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Runs events through the in-process stream engine: watermarks (late events",
                "counted, never dropped silently), dedup by event_id, a noise filter, windows",
                "per item, category, channel and source, and the spike guard, which labels",
                "each anomaly transient or sustained and recommends a decision only for",
                "sustained changes. Events come from a file (--replay) or over HTTP",
                "(--listen: POST /api/events with a bearer token, until Ctrl-C). Alerts go to",
                "--alerts as JSON lines. A live line on the terminal shows events/s, late,",
                "duplicates, filtered, alerts, the watermark and the queue. See",
                "docs/stream.md."},
        subcommands = StreamPlanCommand.class,
        footer = {"", "Examples:",
                "  pulse stream --replay pulse-demo/data/events.csv",
                "  pulse stream plan --rate 50000 --keys 2000000",
                "  pulse stream --replay events.csv --speed 3600 --alerts alerts.jsonl --json summary.json",
                "  PULSE_TOKEN=secret pulse stream --listen 8080 --alerts alerts.jsonl --checkpoint stream.ckpt",
                "  curl -H 'Authorization: Bearer secret' -d @events.json http://127.0.0.1:8080/api/events"})
final class StreamCommand implements Callable<Integer> {

    @Option(names = "--replay", paramLabel = "FILE",
            description = "An events CSV (the canonical columns, as 'pulse generate' writes) to replay in time order.")
    Path replay;

    @Option(names = "--listen", paramLabel = "PORT",
            description = "Take events over HTTP on PORT instead of a file (0: any free port, printed) until"
                    + " Ctrl-C: POST /api/events (a JSON array), GET /api/stream/stats, GET /api/stream/alerts"
                    + " (server-sent events), GET /api/stream/recent (the last alerts), GET /api/health. On Ctrl-C it takes no more events, runs what is"
                    + " queued, checkpoints (with --checkpoint), closes the open windows and prints the summary.")
    Integer listen;

    @Option(names = "--kafka", paramLabel = "SERVERS",
            description = "Read events from Kafka (bootstrap servers, host:port[,..]) instead of a file: record values"
                    + " are events CSV lines without a header, in the columns of 'pulse generate'. Partitions are"
                    + " merged in event time. Runs until Ctrl-C, or to the end offsets with --until-end.")
    String kafka;

    @Option(names = "--topic", paramLabel = "T", defaultValue = "pulse-events",
            description = "The Kafka topic with --kafka (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--group", paramLabel = "G",
            description = "A Kafka consumer group to share the partitions with; default: read every partition alone."
                    + " Offsets are kept in the checkpoint, never committed to Kafka.")
    String group;

    @Option(names = "--until-end",
            description = "With --kafka, stop at the end offsets the topic had when the run started (a backfill).")
    boolean untilEnd;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on with --listen (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for all).")
    String bind;

    @Option(names = "--token", paramLabel = "T",
            description = "The bearer token clients send (Authorization: Bearer T) with --listen; default: the"
                    + " PULSE_TOKEN environment variable. Required: the server takes no unauthenticated events.")
    String token;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "100000",
            description = "Events the HTTP queue holds before requests get 429 (default ${DEFAULT-VALUE}).")
    int queueEvents;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest request body with --listen; more is answered 413 (default ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "10000",
            description = "Most events in one request with --listen; more is answered 413 (default ${DEFAULT-VALUE}).")
    int maxEvents;

    @Option(names = "--live",
            description = "Show the live line on standard error even when it is not a terminal.")
    boolean live;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
            description = "Times real time (3600: an hour of events a second); 0 for as fast as possible (default).")
    double speed;

    @Option(names = "--alerts", paramLabel = "FILE", description = "Write every alert as a JSON line; - for standard output.")
    Path alerts;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the summary as JSON to FILE; alone or with -, to standard output.")
    Path json;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = {"Checkpoint the engine's state to FILE as it goes, and resume from it when it exists",
                    "(after a crash or kill). Needs --alerts FILE, which is then appended to without repeats."})
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1000000",
            description = "Events between checkpoints (default ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Mixin
    ProfileOptions profileOptions;

    @Override
    public Integer call() throws Exception {
        if (!(speed >= 0)) {
            throw new PulseInputException("--speed", 0, "speed", "need 0 (as fast as possible) or a positive factor, got " + speed);
        }
        if (alerts != null && json != null && alerts.toString().equals("-") && json.toString().equals("-")) {
            throw new PulseInputException("--alerts and --json cannot both go to standard output");
        }
        int sources = (replay != null ? 1 : 0) + (listen != null ? 1 : 0) + (kafka != null ? 1 : 0);
        if (sources == 0) {
            throw new PulseInputException("--replay", 0, "replay", "give an events file to replay (--replay FILE),"
                    + " a port to take events over HTTP (--listen PORT), Kafka servers (--kafka HOST:PORT), or use"
                    + " 'pulse stream plan'");
        }
        if (sources > 1) {
            throw new PulseInputException("--listen", 0, "listen", "one source: --replay FILE, --listen PORT or --kafka");
        }
        if (checkpoint != null && (alerts == null || alerts.toString().equals("-"))) {
            throw new PulseInputException("--checkpoint", 0, "checkpoint",
                    "a resumable run needs --alerts FILE, so alerts from before a crash are kept and not repeated");
        }
        if (checkpointEvery < 1) {
            throw new PulseInputException("--checkpoint-every", 0, "checkpoint_every", "need at least 1, got "
                    + checkpointEvery);
        }
        return listen != null ? listen() : kafka != null ? kafka() : replay();
    }

    private int replay() throws Exception {
        if (!Files.isRegularFile(replay)) {
            throw new PulseInputException(replay.toString(), "no such file");
        }
        PrintStream out = Json.humanOut(json != null ? json : alerts);
        FileReplay source = FileReplay.open(replay);
        Summary summary = new Summary(replay.toString());
        long started = System.nanoTime();
        StreamStats stats;
        try (AlertLines lines = AlertLines.open(checkpoint == null ? alerts : null);
                ReplayMain.AlertFile appended = checkpoint == null ? null : ReplayMain.AlertFile.open(alerts)) {
            StreamMonitor monitor = new StreamMonitor();
            StreamEngine engine = new StreamEngine(StreamConfig.defaults(), source.parser(),
                    monitor.alerts().andThen(summary).andThen(a -> {
                        lines.write(a);
                        if (appended != null) {
                            appended.accept(a);
                        }
                    }), e -> {
                    });
            summary.profiles = profileOptions.attach(engine);
            // The view reads the engine's counters from its own thread; a stale read only delays a redraw.
            LiveView view = LiveView.start(live, monitor, () -> monitor.update(engine.stats(), engine.watermark()),
                    source.events(), () -> 0, 0);
            try {
                if (checkpoint == null) {
                    stats = engine.replay(source, speed);
                } else {
                    engine.checkpoints(Checkpoint.Schedule.everyEvents(checkpoint, checkpointEvery));
                    if (Files.exists(checkpoint)) {
                        out.println("Resuming from " + checkpoint + " (the events/s below count the whole file)");
                        stats = engine.resume(checkpoint, source, speed);
                    } else {
                        stats = engine.replay(source, speed);
                    }
                }
            } finally {
                view.close();
            }
            summary.finish(stats, engine.watermark());
        } finally {
            summary.closeProfiles();
        }
        summary.report(stats, (System.nanoTime() - started) / 1e9, out, json);
        return 0;
    }

    /**
     * Runs the engine on this thread, fed by the HTTP server, until Ctrl-C: the shutdown hook stops the intake
     * and waits while this thread runs what is queued, checkpoints, finishes and reports.
     */
    private int listen() throws Exception {
        String key = token != null ? token : System.getenv("PULSE_TOKEN");
        if (key == null || key.isBlank()) {
            throw new PulseInputException("--token", 0, "token",
                    "--listen needs a token for its clients: --token T or the PULSE_TOKEN environment variable");
        }
        if (listen < 0 || listen > 65_535 || queueEvents < 1 || maxBody < 1 || maxEvents < 1) {
            throw new PulseInputException("--listen", 0, "listen", "need a port in 0..65535 and positive --queue,"
                    + " --max-body and --max-events");
        }
        PrintStream out = Json.humanOut(json != null ? json : alerts);
        ServerSettings settings = new ServerSettings(bind, listen, key, maxBody, maxEvents, 1);
        HttpStream stream;
        try {
            stream = HttpStream.start(settings, queueEvents);
        } catch (RuntimeException e) {
            throw new PulseInputException("--listen", 0, "listen", "cannot listen on " + bind + ":" + listen + ": "
                    + rootMessage(e));
        }
        return untilShutdown(stream::stopIntake, () -> {
            Summary summary = new Summary("http://" + bind + ":" + stream.port());
            long started = System.nanoTime();
            StreamStats stats;
            try (LiveAlerts sink = LiveAlerts.open(alerts, checkpoint != null)) {
                StreamEngine engine = stream.engine(summary.andThen(sink));
                summary.profiles = profileOptions.attach(engine);
                if (checkpoint != null) {
                    engine.checkpoints(Checkpoint.Schedule.everyEvents(checkpoint, checkpointEvery));
                }
                out.println("Listening on http://" + bind + ":" + stream.port() + " (POST /api/events, GET"
                        + " /api/stream/stats, /api/stream/alerts, /api/stream/recent, /api/health); Ctrl-C to stop");
                if (checkpoint != null && Files.exists(checkpoint)) {
                    out.println("Resuming from " + checkpoint);
                }
                out.flush();
                LiveView view = LiveView.start(live, stream.monitor(), () -> { }, 0, stream.ingest()::queued,
                        stream.ingest().capacity());
                try {
                    stats = stream.run(engine, LiveOptions.defaults(), checkpoint);
                } finally {
                    view.close();
                    stream.close();
                }
                summary.finish(stats, engine.watermark());
            } finally {
                summary.closeProfiles();
            }
            summary.report(stats, (System.nanoTime() - started) / 1e9, out, json);
            out.flush();
            return 0;
        });
    }

    /**
     * Runs the engine on this thread, fed by a Kafka topic, until Ctrl-C (or the end offsets with --until-end).
     * With --checkpoint the partitions' offsets are stored beside each checkpoint and a restart resumes there.
     */
    private int kafka() throws Exception {
        PrintStream out = Json.humanOut(json != null ? json : alerts);
        AtomicBoolean stop = new AtomicBoolean();
        return untilShutdown(() -> stop.set(true), () -> {
            Summary summary = new Summary("kafka:" + kafka + "/" + topic);
            long started = System.nanoTime();
            StreamStats stats;
            StreamMonitor monitor = new StreamMonitor();
            KafkaLiveSource source;
            try {
                source = KafkaLiveSource.open(kafka, topic, group, untilEnd);
            } catch (RuntimeException e) {
                throw new PulseInputException("--kafka", 0, "kafka", "cannot read topic " + topic + " from " + kafka
                        + ": " + rootMessage(e));
            }
            try (source; LiveAlerts sink = LiveAlerts.open(alerts, checkpoint != null)) {
                StreamEngine engine = new StreamEngine(StreamConfig.defaults(),
                        new EventParser(KafkaEventSource.CSV_HEADER, "kafka:" + topic),
                        monitor.alerts().andThen(summary).andThen(sink), e -> {
                        });
                summary.profiles = profileOptions.attach(engine);
                if (checkpoint != null) {
                    engine.checkpoints(Checkpoint.Schedule.everyEvents(checkpoint, checkpointEvery));
                }
                out.println("Reading topic " + topic + " from " + kafka + (untilEnd ? " to its end" : "; Ctrl-C to stop"));
                out.flush();
                LiveView view = LiveView.start(live, monitor, () -> { }, 0, () -> 0, 0);
                LiveOptions options = LiveOptions.defaults().withStop(stop::get)
                        .withTick(Duration.ofMillis(250), s -> monitor.update(s, engine.watermark()));
                try {
                    stats = checkpoint != null && Files.exists(checkpoint)
                            ? engine.resumeLive(checkpoint, source, options) : engine.live(source, options);
                } finally {
                    view.close();
                }
                summary.finish(stats, engine.watermark());
            } finally {
                summary.closeProfiles();
            }
            summary.report(stats, (System.nanoTime() - started) / 1e9, out, json);
            out.flush();
            return 0;
        });
    }

    /** A run that may throw. */
    interface Run {
        int call() throws Exception;
    }

    /**
     * Runs {@code body} on this thread with a shutdown hook (also {@code pulse serve}): on Ctrl-C or SIGTERM the hook calls {@code stop}
     * (the source takes no more) and waits, up to a minute, while {@code body} runs what is queued,
     * checkpoints, finishes and reports.
     */
    static int untilShutdown(Runnable stop, Run body) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pulse-stream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is what is stopping us; it returns now that the latch is open.
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * Sustained alerts and transient ones per key, for the final report; with a store (--db), every alert too, and
     * at the end the run's accounting and alerts go to it.
     */
    private final class Summary implements Consumer<Alert> {
        final String source;
        final AlertTally tally = new AlertTally();
        final List<Alert> all = new ArrayList<>();
        /** The run's online profiles; null with --no-profiles. */
        ProfileOptions.Session profiles;
        /** The stored run's id; null without a store. */
        Integer runId;

        Summary(String source) {
            this.source = source;
        }

        /**
         * The last actions and the profiles, then the run into the store. A resumed run got only the alerts after
         * its checkpoint; the --alerts file (which a checkpointed run requires) holds them all, so they are read
         * from there.
         */
        void finish(StreamStats stats, long watermark) throws IOException {
            if (profiles == null) {
                return;
            }
            profiles.finish();
            if (profiles.stores()) {
                List<StreamTables.StoredAlert> stored = checkpoint != null ? storedAlerts(alerts)
                        : all.stream().map(StreamCommand::stored).toList();
                runId = profiles.storeRun(run(stats, watermark, source), stored);
            }
        }

        void closeProfiles() throws IOException {
            if (profiles != null) {
                profiles.close();
            }
        }

        @Override
        public void accept(Alert a) {
            if (profileOptions.db != null && checkpoint == null) {
                all.add(a);
            }
            tally.accept(a);
        }

        void report(StreamStats stats, double seconds, PrintStream out, Path json) {
            tally.print(stats, seconds, out);
            if (profiles != null) {
                out.println();
                profiles.print(out);
            }
            if (runId != null) {
                out.println("  Stored as stream run " + runId + " in stream_runs and stream_alerts"
                        + " (pulse serve: GET /api/stream/summary).");
            }
            if (json != null) {
                Map<String, Object> m = toJson(stats, seconds, tally.sustained, tally.transientByKey);
                m.put("profiles", profiles == null ? null : profiles.toJson());
                Json.write(json, m);
            }
        }
    }

    /** Sustained alerts, and transient ones counted per key: what the final report of a run shows. */
    static final class AlertTally implements Consumer<Alert> {
        final List<Alert> sustained = new ArrayList<>();
        final Map<String, Long> transientByKey = new LinkedHashMap<>();

        @Override
        public void accept(Alert a) {
            if (a.label() == Alert.Label.SUSTAINED) {
                sustained.add(a);
            } else {
                transientByKey.merge(a.window().label() + " " + a.key(), 1L, Long::sum);
            }
        }

        void print(StreamStats stats, double seconds, PrintStream out) {
            StreamCommand.print(stats, seconds, sustained, transientByKey, out);
        }
    }

    static void print(StreamStats s, double seconds, List<Alert> sustained, Map<String, Long> transientByKey,
            PrintStream out) {
        out.println();
        out.println(String.format(Locale.ROOT, "Stream: %s events in %.1f s (%s events/s)", Table.count(s.eventsIn()),
                seconds, Table.count(Math.round(s.eventsIn() / Math.max(seconds, 1e-9)))));
        Table t = new Table("Accounting", "in", "late", "duplicates", "filtered", "accepted", "windows closed",
                "alerts");
        t.row(Table.count(s.eventsIn()), Table.count(s.late()), Table.count(s.duplicates()),
                Table.count(s.filteredTotal()), Table.count(s.accepted()), Table.count(s.windowsClosed()),
                Table.count(s.alerts()));
        out.print(t.render());
        s.filtered().forEach((reason, n) -> {
            if (n > 0) {
                out.println("  filtered as " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                        + Table.count(n));
            }
        });
        out.println();
        Table d = new Table("Sustained changes (decisions)", "window", "key", "from", "windows", "top source", "users",
                "decision");
        for (Alert a : sustained) {
            d.row(a.window().label(), a.key(), a.start(), a.evidence().durationWindows(),
                    a.evidence().topSource() + " " + Table.percent(a.evidence().topSourceShare()),
                    Table.count(a.evidence().distinctUsers()), a.decision());
        }
        out.print(d.isEmpty() ? "No sustained change: no decision recommended.\n" : d.render());
        long transients = transientByKey.values().stream().mapToLong(Long::longValue).sum();
        out.println("  " + Table.count(transients) + " transient alerts (no decision) on " + transientByKey.size()
                + " keys; the most: " + transientByKey.entrySet().stream()
                        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(5)
                        .map(e -> e.getKey() + " × " + e.getValue()).toList());
    }

    static Map<String, Object> toJson(StreamStats s, double seconds, List<Alert> sustained,
            Map<String, Long> transientByKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events_in", s.eventsIn());
        m.put("late", s.late());
        m.put("duplicates", s.duplicates());
        Map<String, Long> filtered = new LinkedHashMap<>();
        s.filtered().forEach((r, n) -> filtered.put(r.name().toLowerCase(Locale.ROOT), n));
        m.put("filtered", filtered);
        m.put("accepted", s.accepted());
        m.put("windows_closed", s.windowsClosed());
        m.put("alerts", s.alerts());
        m.put("seconds", seconds);
        m.put("sustained", sustained.stream().map(StreamCommand::alert).toList());
        m.put("transient_by_key", transientByKey);
        return m;
    }

    /** The run's accounting as {@code stream_runs} holds it; filtered reasons in lower case, as {@link #toJson}. */
    static StreamTables.StreamRun run(StreamStats s, long watermark, String source) {
        Map<String, Long> filtered = new LinkedHashMap<>();
        s.filtered().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> filtered.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        return new StreamTables.StreamRun(Instant.now(), source, s.eventsIn(), s.late(), s.duplicates(), filtered,
                s.accepted(), s.windowsClosed(), s.alerts(),
                watermark == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermark));
    }

    /** An alert with the fields of its line ({@link AlertJson#line}). */
    static StreamTables.StoredAlert stored(Alert a) {
        Alert.Evidence e = a.evidence();
        return new StreamTables.StoredAlert(a.id(), a.window().label(), a.key(), a.start(), a.end(), a.kind().name(),
                a.label().name(), e.durationWindows(), e.events(), e.baseline(), e.topSource(), e.topSourceShare(),
                e.distinctUsers(), e.relatedLift(), a.decision(), a.reason());
    }

    /** The alerts of an alert-lines file ({@link AlertJson#line}), as stored. */
    static List<StreamTables.StoredAlert> storedAlerts(Path file) throws IOException {
        List<StreamTables.StoredAlert> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.MAPPER.readTree(line);
            out.add(new StreamTables.StoredAlert(n.get("id").asText(), n.get("window").asText(), n.get("key").asText(),
                    Instant.parse(n.get("start").asText()), Instant.parse(n.get("end").asText()),
                    n.get("kind").asText(), n.get("label").asText(), n.get("windows").asInt(),
                    n.get("events").asLong(), number(n, "baseline"), n.get("top_source").textValue(),
                    number(n, "top_source_share"), n.get("distinct_users").asLong(), number(n, "related_lift"),
                    n.get("decision").textValue(), n.get("reason").textValue()));
        }
        return out;
    }

    private static double number(JsonNode n, String field) {
        return n.get(field).isNumber() ? n.get(field).asDouble() : Double.NaN;
    }

    static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", a.window().label());
        m.put("key", a.key());
        m.put("start", a.start().toString());
        m.put("end", a.end().toString());
        m.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        m.put("label", a.label().name().toLowerCase(Locale.ROOT));
        Alert.Evidence e = a.evidence();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("duration_windows", e.durationWindows());
        ev.put("events", e.events());
        ev.put("baseline", e.baseline());
        ev.put("top_source", e.topSource());
        ev.put("top_source_share", e.topSourceShare());
        ev.put("distinct_users", e.distinctUsers());
        ev.put("related_lift", Double.isFinite(e.relatedLift()) ? e.relatedLift() : null);
        m.put("evidence", ev);
        m.put("decision", a.decision());
        m.put("reason", a.reason());
        return m;
    }

    /** Alerts as JSON lines, to a file (written whole, then moved into place) or standard output. */
    private static final class AlertLines implements AutoCloseable {
        private final BufferedWriter writer;
        private final Path target;
        private final Path partial;

        private AlertLines(BufferedWriter writer, Path target, Path partial) {
            this.writer = writer;
            this.target = target;
            this.partial = partial;
        }

        static AlertLines open(Path file) throws IOException {
            if (file == null) {
                return new AlertLines(null, null, null);
            }
            if (file.toString().equals("-")) {
                return new AlertLines(new BufferedWriter(new OutputStreamWriter(System.out,
                        StandardCharsets.UTF_8)), null, null);
            }
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            return new AlertLines(Files.newBufferedWriter(partial, StandardCharsets.UTF_8), file, partial);
        }

        void write(Alert a) {
            if (writer == null) {
                return;
            }
            try {
                writer.write(Json.line(alert(a)));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (writer == null) {
                return;
            }
            writer.flush();
            if (target != null) {
                writer.close();
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Alerts of a live run, each written as it comes: to a file through {@link ReplayMain.AlertFile} (appended,
     * flushed per alert, without repeats; a fresh file unless resuming from a checkpoint) or to standard output,
     * flushed per line.
     */
    static final class LiveAlerts implements Consumer<Alert>, AutoCloseable {
        private final ReplayMain.AlertFile file;
        private final PrintStream stdout;

        private LiveAlerts(ReplayMain.AlertFile file, PrintStream stdout) {
            this.file = file;
            this.stdout = stdout;
        }

        static LiveAlerts open(Path target, boolean resuming) throws IOException {
            if (target == null) {
                return new LiveAlerts(null, null);
            }
            if (target.toString().equals("-")) {
                return new LiveAlerts(null, System.out);
            }
            if (!resuming) {
                Files.deleteIfExists(target);
            }
            return new LiveAlerts(ReplayMain.AlertFile.open(target), null);
        }

        @Override
        public void accept(Alert a) {
            if (file != null) {
                file.accept(a);
            } else if (stdout != null) {
                stdout.println(Json.line(alert(a)));
                stdout.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }
}
