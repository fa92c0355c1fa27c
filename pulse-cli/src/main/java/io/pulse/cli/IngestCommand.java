package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.actions.ActionLog;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.IngestSummary;
import io.pulse.store.ingest.Ingestor;
import io.pulse.store.ingest.Mapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Loads event logs into the store: CSV (any delimiter), JSON Lines, Parquet; plain or .gz.",
                "Bad rows go to <input>.rejects.csv with their line and reason; good rows still load.",
                "Loading the same file again adds nothing. Each file loads in one transaction."},
        footer = {"", "Examples:",
                "  pulse ingest events.csv --users users.csv",
                "  pulse ingest ../shared/data/cdnow/CDNOW_master.txt --mapping cdnow",
                "  pulse ingest invoices.csv --mapping my-layout.yaml --db shop.duckdb",
                "  pulse ingest --actions past-campaigns.csv",
                "", "Exit code 2 when any row was rejected (the good rows are loaded); --accept-rejects makes it 0."})
final class IngestCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Event files to load.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--mapping", paramLabel = "NAME|FILE", defaultValue = "canonical",
            description = "Column mapping: a shipped name (canonical, cdnow, cdnow-sample, online-retail) or a YAML file."
                    + " Default: ${DEFAULT-VALUE}.")
    String mapping;

    @Option(names = "--users", paramLabel = "FILE", description = "A users file (user_id, signup_date, age_band, gender, region, channel).")
    Path users;

    @Option(names = "--users-mapping", paramLabel = "NAME|FILE", defaultValue = "canonical",
            description = "Column mapping for the users file. Default: ${DEFAULT-VALUE}.")
    String usersMapping;

    @Option(names = "--actions", paramLabel = "FILE",
            description = {"A log of past operations for 'pulse backtest' (CSV: action_id, rule_id, user_id, action,",
                    "ts, control), added to the outbox as sent or control. See docs/backtest.md."})
    Path actions;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where rejected rows go (one input only). Default: <input>.rejects.csv.")
    Path rejects;

    @Option(names = "--accept-rejects", description = "Exit 0 even when some rows were rejected.")
    boolean acceptRejects;

    // A value is required here: with an optional one, 'pulse ingest --json events.csv' would take the
    // input for the JSON file.
    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the summaries as JSON to FILE; - for standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        if (files.isEmpty() && users == null && actions == null) {
            throw new PulseInputException("nothing to ingest: give event files, --users FILE and/or --actions FILE");
        }
        if (rejects != null && files.size() + (users == null ? 0 : 1) + (actions == null ? 0 : 1) > 1) {
            throw new PulseInputException("--rejects takes one input; with several, each gets <input>.rejects.csv");
        }
        PulseConfig config = store.config();
        List<IngestSummary> done = List.of();
        ActionLog.Summary log = null;
        try (PulseStore s = store.open()) {
            if (!files.isEmpty() || users != null) {
                done = ingest(s, files, Ingestor.eventMapping(mapping), users,
                        users == null ? null : Ingestor.userMapping(usersMapping), rejects, config, Json.humanOut(json));
            }
            if (actions != null) {
                log = importActions(s, actions, rejects, Json.humanOut(json));
            }
        }
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ingests", done.stream().map(IngestCommand::toJson).toList());
            if (log != null) {
                m.put("actions", toJson(log));
            }
            Json.write(json, m);
        }
        long rejected = done.stream().mapToLong(IngestSummary::rejected).sum() + (log == null ? 0 : log.rejected().size());
        return rejected > 0 && !acceptRejects ? 2 : 0;
    }

    static List<IngestSummary> ingest(PulseStore store, List<Path> files, Mapping mapping, Path users,
                                      Mapping usersMapping, Path rejects, PulseConfig config, PrintStream out) {
        List<IngestSummary> done = new ArrayList<>();
        for (Path f : files) {
            done.add(Ingestor.ingestEvents(store, new IngestRequest(f, mapping, rejects, config.types(),
                    TerminalProgress.forTerminal())));
        }
        if (users != null) {
            done.add(Ingestor.ingestUsers(store, new IngestRequest(users, usersMapping, rejects, config.types(),
                    TerminalProgress.forTerminal())));
        }
        print(done, store, out);
        return done;
    }

    /** Adds a log of past operations to the outbox and says what it added. */
    static ActionLog.Summary importActions(PulseStore store, Path file, Path rejects, PrintStream out) {
        ActionLog.Summary s = ActionLog.load(store, file, rejects);
        out.println("  Actions: " + Table.count(s.rows()) + " rows of " + file.getFileName() + ", "
                + Table.count(s.added()) + " added to the outbox, " + Table.count(s.alreadyPresent())
                + " already there, " + Table.count(s.rejected().size()) + " rejected.");
        if (!s.rejected().isEmpty()) {
            out.println("  Rejected rows are in " + s.rejectsFile() + "; the first:");
            s.rejected().stream().limit(3).forEach(r -> out.println("    " + file + ":" + r.line() + ": " + r.field()
                    + ": " + r.reason()));
        }
        return s;
    }

    static Map<String, Object> toJson(ActionLog.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.file().toString());
        m.put("rows_read", s.rows());
        m.put("added", s.added());
        m.put("already_present", s.alreadyPresent());
        m.put("rejected", s.rejected().size());
        m.put("rejects_file", s.rejectsFile() == null ? null : s.rejectsFile().toString());
        return m;
    }

    static void print(List<IngestSummary> done, PulseStore store, PrintStream out) {
        Table t = new Table("Ingest into " + store.path(), "file", "into", "mapping", "rows", "loaded", "duplicates",
                "rejected", "rows/s");
        for (IngestSummary s : done) {
            t.row(Path.of(s.source()).getFileName(), s.target(), s.mapping(), Table.count(s.rowsRead()),
                    Table.count(s.loaded()), Table.count(s.duplicates()), Table.count(s.rejected()),
                    Table.count(Math.round(s.rowsPerSecond())));
        }
        out.print(t.render());
        for (IngestSummary s : done) {
            if (s.rejected() > 0) {
                out.println("  " + s.rejected() + " rejected row(s) of " + Path.of(s.source()).getFileName() + " are in "
                        + s.rejectsFile() + "; the first:");
                firstRejects(s.rejectsFile(), 3).forEach(line -> out.println("    " + s.source() + ":" + line));
            }
        }
        out.println("  The store now holds " + Table.count(store.eventCount()) + " events of "
                + Table.count(store.userCount()) + " users.");
    }

    private static List<String> firstRejects(Path file, int n) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.skip(1).limit(n).map(l -> {
                int comma = l.indexOf(',');
                return comma < 0 ? l : l.substring(0, comma) + ": " + l.substring(comma + 1);
            }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Map<String, Object> toJson(IngestSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("target", s.target());
        m.put("mapping", s.mapping());
        m.put("rows_read", s.rowsRead());
        m.put("loaded", s.loaded());
        m.put("duplicates", s.duplicates());
        m.put("rejected", s.rejected());
        m.put("rejects_file", s.rejectsFile() == null ? null : s.rejectsFile().toString());
        m.put("batch_id", s.batchId());
        m.put("seconds", s.seconds());
        return m;
    }
}
