package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.progress.Progress;
import io.pulse.stream.Alert;
import io.pulse.stream.Checkpoint;
import io.pulse.stream.FileReplay;
import io.pulse.stream.ReplayMain;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.StreamStats;
import picocli.CommandLine.Command;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Replays an events file as a live stream through the in-process engine: watermarks",
                "(late events counted, never dropped silently), dedup by event_id, a noise filter, windows per",
                "item, category, channel and source, and the spike guard, which labels each anomaly transient",
                "or sustained and recommends a decision only for sustained changes.",
                "Alerts go to --alerts as JSON lines. See docs/stream.md."},
        subcommands = StreamPlanCommand.class,
        footer = {"", "Examples:",
                "  pulse stream --replay pulse-demo/data/events.csv",
                "  pulse stream plan --rate 50000 --keys 2000000",
                "  pulse stream --replay events.csv --speed 3600 --alerts alerts.jsonl --json summary.json"})
final class StreamCommand implements Callable<Integer> {

    @Option(names = "--replay", paramLabel = "FILE",
            description = "An events CSV (the canonical columns, as 'pulse generate' writes) to replay in time order.")
    Path replay;

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

    @Override
    public Integer call() throws Exception {
        if (!(speed >= 0)) {
            throw new PulseInputException("--speed", 0, "speed", "need 0 (as fast as possible) or a positive factor, got " + speed);
        }
        if (alerts != null && json != null && alerts.toString().equals("-") && json.toString().equals("-")) {
            throw new PulseInputException("--alerts and --json cannot both go to standard output");
        }
        if (replay == null) {
            throw new PulseInputException("--replay", 0, "replay", "give an events file to replay (--replay FILE),"
                    + " or use 'pulse stream plan'");
        }
        if (checkpoint != null && (alerts == null || alerts.toString().equals("-"))) {
            throw new PulseInputException("--checkpoint", 0, "checkpoint",
                    "a resumable run needs --alerts FILE, so alerts from before a crash are kept and not repeated");
        }
        if (checkpointEvery < 1) {
            throw new PulseInputException("--checkpoint-every", 0, "checkpoint_every", "need at least 1, got "
                    + checkpointEvery);
        }
        if (!Files.isRegularFile(replay)) {
            throw new PulseInputException(replay.toString(), "no such file");
        }
        PrintStream out = Json.humanOut(json != null ? json : alerts);
        FileReplay source = FileReplay.open(replay);
        List<Alert> sustained = new ArrayList<>();
        Map<String, Long> transientByKey = new LinkedHashMap<>();
        long started = System.nanoTime();
        StreamStats stats;
        try (AlertLines lines = AlertLines.open(checkpoint == null ? alerts : null);
                ReplayMain.AlertFile appended = checkpoint == null ? null : ReplayMain.AlertFile.open(alerts)) {
            StreamEngine engine = new StreamEngine(StreamConfig.defaults(), source.parser(), a -> {
                lines.write(a);
                if (appended != null) {
                    appended.accept(a);
                }
                if (a.label() == Alert.Label.SUSTAINED) {
                    sustained.add(a);
                } else {
                    transientByKey.merge(a.window().label() + " " + a.key(), 1L, Long::sum);
                }
            }, e -> {
            });
            Progress progress = TerminalProgress.forTerminal();
            progress.start("replaying " + replay.getFileName(), source.events());
            Thread monitor = new Thread(() -> follow(engine, progress), "pulse-stream-progress");
            monitor.setDaemon(true);
            monitor.start();
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
                monitor.interrupt();
                monitor.join();
                progress.done();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        print(stats, seconds, sustained, transientByKey, out);
        if (json != null) {
            Json.write(json, toJson(stats, seconds, sustained, transientByKey));
        }
        return 0;
    }

    /** Moves the progress bar with the engine's count of events; a display, so a stale read is harmless. */
    private static void follow(StreamEngine engine, Progress progress) {
        long shown = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(250);
                long now = engine.stats().eventsIn();
                progress.advance(now - shown);
                shown = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The counters are read while the engine runs; a torn read only costs one update of the bar.
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
}
