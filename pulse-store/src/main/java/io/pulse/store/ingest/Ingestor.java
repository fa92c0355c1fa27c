package io.pulse.store.ingest;

import io.pulse.core.PulseInputException;
import io.pulse.core.event.EventTypes;
import io.pulse.core.progress.Progress;
import io.pulse.store.PulseStore;
import io.pulse.store.Sql;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a file into the store. DuckDB reads and converts the file; the good rows go in with one
 * INSERT inside one transaction, so an ingest killed at any point leaves the store exactly as
 * before it or exactly after it. Rejected rows go to a rejects file (line, reason, content) that
 * is written after the commit; running the same ingest again loads nothing and rewrites it.
 */
public final class Ingestor {

    private static final Pattern COLUMN_COUNT = Pattern.compile("Expected Number of Columns: (\\d+) Found: (\\d+)");

    private Ingestor() {
    }

    /** Loads events. */
    public static IngestSummary ingestEvents(PulseStore store, IngestRequest request) {
        return ingest(store, request, new EventTarget(request.types()));
    }

    /** Loads user attributes (the users file). */
    public static IngestSummary ingestUsers(PulseStore store, IngestRequest request) {
        return ingest(store, request, new UserTarget());
    }

    /** The fields a mapping may name for events. */
    public static List<String> eventFields() {
        return EventTarget.FIELDS;
    }

    /** The fields a mapping may name for users. */
    public static List<String> userFields() {
        return UserTarget.FIELDS;
    }

    /** Loads a named or file mapping, checking its field names against the event schema. */
    public static Mapping eventMapping(String nameOrFile) {
        return MappingLoader.load(nameOrFile, new java.util.LinkedHashSet<>(EventTarget.FIELDS));
    }

    /** Loads a named or file mapping for a users file. */
    public static Mapping userMapping(String nameOrFile) {
        return MappingLoader.load(nameOrFile, new java.util.LinkedHashSet<>(UserTarget.FIELDS));
    }

    static IngestSummary ingest(PulseStore store, IngestRequest request, IngestTarget target) {
        long started = System.nanoTime();
        java.time.LocalDateTime startedAt = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
        Path input = request.input();
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new PulseInputException(input.toString(), "no such readable file");
        }
        Connection c = store.connection();
        SourceScan scan = SourceScan.open(c, input, request.mapping());
        Progress progress = request.progress();
        try (Statement s = c.createStatement()) {
            // Values without an offset are wall-clock times in the mapping's zone.
            s.execute("SET TimeZone = " + Sql.literal(request.mapping().zone().getId()));
            // DuckDB tracks a running query's progress only while its bar is on (never printed).
            s.execute("SET enable_progress_bar = " + (request.progress() != Progress.NONE));
            Optional<IngestSummary> fast = optimistic(store, s, scan, request, target, started, startedAt);
            if (fast.isPresent()) {
                return fast.get();
            }
            // First try lets DuckDB's CSV reader convert the typed columns; a file with any reader
            // reject (or one the typed reader cannot read at all, such as broken UTF-8 in a value
            // it tries to quote) is checked again reading text, whose record numbers are reliable.
            Projection projection = project(scan, request.mapping(), c, target, true);
            Check check;
            try {
                check = check(c, scan, projection, target, input, progress);
            } catch (SQLException e) {
                if (!scan.readsAnyTyped()) {
                    throw e;
                }
                check = null;
            }
            if (scan.readsAnyTyped() && (check == null || !check.dropped().isEmpty())) {
                scan.readAllAsText();
                projection = project(scan, request.mapping(), c, target, false);
                check = check(c, scan, projection, target, input, progress);
            }
            String unnumbered = projection.sql(false);
            long kept = check.kept();
            long semantic = check.semantic();
            boolean repeats = check.repeats();
            TreeMap<Long, String> dropped = check.dropped();
            List<RejectedRow> rejects = new ArrayList<>();
            long[] ordinals = new long[(int) Math.min(semantic, Integer.MAX_VALUE - 8)];
            String[] reasons = new String[ordinals.length];
            if (semantic > 0) {
                try (ResultSet rs = s.executeQuery("SELECT __ord, __reason FROM (" + projection.sql(true)
                        + ") WHERE __reason IS NOT NULL ORDER BY __ord")) {
                    int i = 0;
                    while (rs.next() && i < ordinals.length) {
                        ordinals[i] = rs.getLong(1);
                        reasons[i++] = rs.getString(2);
                    }
                }
            }

            progress.start("loading " + input.getFileName(), kept);
            long batch;
            long loaded;
            s.execute("BEGIN TRANSACTION");
            try {
                batch = store.scalarLong("SELECT coalesce(max(batch_id), 0) + 1 FROM ingest_batches");
                String rows = target.needsRowOrder() ? projection.sql(true) : unnumbered;
                loaded = trackedUpdate(s, target.insertSql("(" + rows + ")", batch, repeats), progress, kept);
                long rowsRead = kept + dropped.size();
                long rejected = semantic + dropped.size();
                recordBatch(c, batch, target, request, rowsRead, loaded, rejected, startedAt);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                progress.done();
            }

            if (semantic > 0 || !dropped.isEmpty()) {
                rejects = locate(scan, input, request.mapping(), ordinals, reasons, dropped);
            }
            Path rejectsFile = writeRejects(request.rejectsFile(), rejects);
            long rowsRead = kept + dropped.size();
            long rejected = semantic + dropped.size();
            return new IngestSummary(input.toString(), target.name(), request.mapping().name(), rowsRead, loaded,
                    rowsRead - rejected - loaded, rejected, rejectsFile, batch, (System.nanoTime() - started) / 1e9);
        } catch (SQLException e) {
            String first = SourceScan.firstLine(e);
            if (first.contains("Invalid Input Error") || first.contains("Conversion Error")
                    || first.contains("IO Error")) {
                throw new PulseInputException(input.toString(), "cannot read: " + first);
            }
            throw new StoreException("ingest of " + input + " failed: " + first, e);
        } catch (IOException e) {
            throw new StoreException("cannot write rejects for " + input + ": " + e.getMessage(), e);
        } finally {
            resetZone(c);
        }
    }

    /**
     * The fast path for a clean CSV: one pass that inserts every row, typed by DuckDB's reader,
     * and fails at the first row a check would reject. Duplicates are then removed from the new
     * batch inside the same transaction: rows whose id the store had before, and rows repeating
     * an id within the file (the first one stays). A file with any rejected row rolls back and
     * takes the careful path, which finds every reject and its line. On a clean file this does
     * the work of DuckDB's own {@code read_csv} insert plus the checks, with no second parse.
     */
    private static Optional<IngestSummary> optimistic(PulseStore store, Statement s, SourceScan scan,
                                                      IngestRequest request, IngestTarget target, long started,
                                                      java.time.LocalDateTime startedAt) throws SQLException {
        Connection c = store.connection();
        Projection projection = project(scan, request.mapping(), c, target, true);
        if (!scan.readsAnyTyped()) {
            return Optional.empty();
        }
        String insert = target.optimisticInsertSql("(" + projection.sql(false) + ")", 0);
        if (insert == null) {
            scan.readAllAsText();
            return Optional.empty();
        }
        Progress progress = request.progress();
        s.execute("DROP TABLE IF EXISTS " + SourceScan.REJECT_ERRORS);
        s.execute("DROP TABLE IF EXISTS " + SourceScan.REJECT_SCANS);
        long estimated = estimateRows(request.input(), scan.gzip());
        progress.start("loading " + request.input().getFileName(), estimated);
        // A statement of its own: DuckDB closes a statement whose query failed.
        try (Statement t = c.createStatement()) {
            t.execute("BEGIN TRANSACTION");
            try {
                long batch = store.scalarLong("SELECT coalesce(max(batch_id), 0) + 1 FROM ingest_batches");
                long inserted = trackedUpdate(t, target.optimisticInsertSql("(" + projection.sql(false) + ")", batch),
                        progress, estimated);
                if (!droppedRecords(t).isEmpty()) {
                    t.execute("ROLLBACK");
                    scan.readAllAsText();
                    return Optional.empty();
                }
                long known = t.executeLargeUpdate("DELETE FROM events WHERE batch_id = " + batch
                        + " AND event_id IN (SELECT event_id FROM events WHERE batch_id <> " + batch + ")");
                long repeats = store.scalarLong("SELECT count(*) - count(DISTINCT event_id) FROM events WHERE batch_id = "
                        + batch);
                if (repeats > 0) {
                    t.executeLargeUpdate("DELETE FROM events WHERE rowid IN (SELECT rowid FROM (SELECT rowid, "
                            + "row_number() OVER (PARTITION BY event_id ORDER BY rowid) AS n FROM events WHERE batch_id = "
                            + batch + ") WHERE n > 1)");
                }
                long loaded = inserted - known - repeats;
                recordBatch(c, batch, target, request, inserted, loaded, 0, startedAt);
                t.execute("COMMIT");
                writeRejects(request.rejectsFile(), List.of());
                return Optional.of(new IngestSummary(request.input().toString(), target.name(), request.mapping().name(),
                        inserted, loaded, inserted - loaded, 0, null, batch, (System.nanoTime() - started) / 1e9));
            } catch (SQLException e) {
                // A rejected row (NEEDS_CHECKING) or anything the typed reader could not read: the
                // careful path finds every reject, or reports a real failure with its reason.
                rollback(c);
                scan.readAllAsText();
                return Optional.empty();
            } catch (IOException e) {
                throw new StoreException("cannot remove stale rejects of " + request.input() + ": " + e.getMessage(), e);
            } finally {
                progress.done();
            }
        }
    }

    private static void recordBatch(Connection c, long batch, IngestTarget target, IngestRequest request, long rowsRead,
                                    long loaded, long rejected, java.time.LocalDateTime startedAt) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ingest_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, batch);
            ps.setString(2, target.name());
            ps.setString(3, request.input().toAbsolutePath().toString());
            ps.setString(4, request.mapping().name());
            ps.setLong(5, rowsRead);
            ps.setLong(6, loaded);
            ps.setLong(7, rowsRead - rejected - loaded);
            ps.setLong(8, rejected);
            ps.setObject(9, startedAt);
            ps.setObject(10, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static Projection project(SourceScan scan, Mapping mapping, Connection c, IngestTarget target,
                                      boolean readerConverts) {
        Projection projection = new Projection(scan, mapping, c, readerConverts);
        target.project(projection);
        return projection;
    }

    /** What the check pass found: rows the reader kept, rows failing a check, repeated keys, reader rejects. */
    private record Check(long kept, long semantic, boolean repeats, TreeMap<Long, String> dropped) {
    }

    /**
     * Parses and checks the whole file once, writing nothing. A second, numbered pass runs later
     * only when rows were rejected and need their lines; the load parses the file once more
     * inside the transaction.
     */
    private static Check check(Connection c, SourceScan scan, Projection projection, IngestTarget target, Path input,
                               Progress progress) throws SQLException {
        // A statement of its own: DuckDB closes a statement whose query failed.
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + SourceScan.REJECT_ERRORS);
            s.execute("DROP TABLE IF EXISTS " + SourceScan.REJECT_SCANS);
            long estimated = estimateRows(input, scan.gzip());
            progress.start("checking " + input.getFileName(), estimated);
            try (ResultSet rs = tracked(s, "SELECT count(*), count(__reason), " + target.repeatsSql()
                    + " FROM (" + projection.sql(false) + ")", progress, estimated)) {
                rs.next();
                return new Check(rs.getLong(1), rs.getLong(2), rs.getLong(3) > 0,
                        scan.format() == SourceFormat.CSV ? droppedRecords(s) : new TreeMap<>());
            } finally {
                progress.done();
            }
        }
    }

    /** Record number → reason, for rows DuckDB's CSV reader rejected itself. */
    private static TreeMap<Long, String> droppedRecords(Statement s) throws SQLException {
        TreeMap<Long, String> out = new TreeMap<>();
        try (ResultSet rs = s.executeQuery("SELECT DISTINCT line, error_type, error_message FROM "
                + SourceScan.REJECT_ERRORS + " ORDER BY line")) {
            while (rs.next()) {
                out.putIfAbsent(rs.getLong(1), describe(rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            // No rejects table means DuckDB rejected nothing.
            if (!SourceScan.firstLine(e).contains("does not exist")) {
                throw e;
            }
        }
        return out;
    }

    private static String describe(String type, String message) {
        Matcher m = COLUMN_COUNT.matcher(String.valueOf(message));
        if (m.find()) {
            return "wrong column count: expected " + m.group(1) + ", found " + m.group(2);
        }
        return String.valueOf(type).toLowerCase(java.util.Locale.ROOT) + ": " + SourceScan.firstLine(new SQLException(message));
    }

    private static List<RejectedRow> locate(SourceScan scan, Path input, Mapping mapping, long[] ordinals,
                                            String[] reasons, TreeMap<Long, String> dropped) throws IOException {
        List<RejectedRow> out = new ArrayList<>();
        if (scan.format() == SourceFormat.CSV) {
            long[] drops = dropped.keySet().stream().mapToLong(Long::longValue).toArray();
            CsvRecords.Located at = CsvRecords.locate(input, scan.gzip(), mapping.header(), scan.delimiter(),
                    ordinals, drops);
            for (int i = 0; i < ordinals.length; i++) {
                out.add(new RejectedRow(at.ordLines()[i], reasons[i], at.ordTexts()[i]));
            }
            for (int i = 0; i < drops.length; i++) {
                out.add(new RejectedRow(at.dropLines()[i], dropped.get(drops[i]), at.dropTexts()[i]));
            }
            out.sort(Comparator.comparingLong(RejectedRow::line));
        } else {
            // For the line-based layouts __ord is the physical line; a Parquet row has no text.
            String[] texts = scan.format() == SourceFormat.PARQUET ? null
                    : CsvRecords.lineTexts(input, scan.gzip(), ordinals);
            for (int i = 0; i < ordinals.length; i++) {
                out.add(new RejectedRow(ordinals[i], reasons[i], texts == null ? "" : texts[i]));
            }
        }
        return out;
    }

    /** Writes the rejects file whole (temp file, then rename), or removes a stale one when nothing was rejected. */
    private static Path writeRejects(Path file, List<RejectedRow> rejects) throws IOException {
        if (rejects.isEmpty()) {
            Files.deleteIfExists(file);
            return null;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("line,reason,content\n");
            for (RejectedRow r : rejects) {
                w.write(r.line() + "," + csv(r.reason()) + "," + csv(r.content()) + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    static String csv(String text) {
        if (text == null) {
            return "";
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static ResultSet tracked(Statement s, String sql, Progress progress, long rows) throws SQLException {
        ScheduledExecutorService poller = poll(s, progress, rows);
        try {
            return s.executeQuery(sql);
        } finally {
            poller.shutdownNow();
        }
    }

    private static long trackedUpdate(Statement s, String sql, Progress progress, long rows) throws SQLException {
        ScheduledExecutorService poller = poll(s, progress, rows);
        try {
            return s.executeLargeUpdate(sql);
        } finally {
            poller.shutdownNow();
        }
    }

    /**
     * About how many rows a file holds, from the bytes per line of its first 64 KiB, so the bar
     * can show rows per second and the time left (for gzip, the compressed size times the ratio
     * seen in that sample). At least 1.
     */
    static long estimateRows(Path file, boolean gzip) {
        try (java.io.InputStream raw = Files.newInputStream(file);
             java.io.InputStream in = gzip ? new java.util.zip.GZIPInputStream(raw) : raw) {
            byte[] head = in.readNBytes(1 << 16);
            long lines = 0;
            for (byte b : head) {
                if (b == '\n') {
                    lines++;
                }
            }
            if (lines == 0) {
                return 1;
            }
            double bytesPerLine = (double) head.length / lines;
            double size = Files.size(file);
            if (gzip) {
                // Compressed text shrinks about 4 to 8 times; without a cheap exact figure, assume 6.
                size *= 6;
            }
            return Math.max(1, Math.round(size / bytesPerLine));
        } catch (IOException e) {
            return 1;
        }
    }

    /** DuckDB reports a running query's share done; turn it into rows for the bar. */
    private static ScheduledExecutorService poll(Statement s, Progress progress, long rows) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pulse-ingest-progress");
            t.setDaemon(true);
            return t;
        });
        long[] reported = {0};
        poller.scheduleAtFixedRate(() -> {
            try {
                QueryProgress p = s.unwrap(DuckDBPreparedStatement.class).getQueryProgress();
                long now = (long) Math.max(0, Math.min(rows, p.getPercentage() / 100 * rows));
                if (now > reported[0]) {
                    progress.advance(now - reported[0]);
                    reported[0] = now;
                }
            } catch (SQLException | RuntimeException ignored) {
                // Progress is best effort; the query itself reports real failures.
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        return poller;
    }

    private static void rollback(Connection c) {
        // A statement of its own: DuckDB closes the statement whose query failed.
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction left to roll back; the original failure is what matters.
        }
    }

    private static void resetZone(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        } catch (SQLException ignored) {
            // The session zone is per connection; a failure here surfaces on the next query.
        }
    }
}
