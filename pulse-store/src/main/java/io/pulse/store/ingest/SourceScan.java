package io.pulse.store.ingest;

import io.pulse.store.Sql;
import io.pulse.core.PulseInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * How DuckDB reads one input file, as a SQL subquery that yields {@code __ord} (the row's ordinal,
 * used to find its line again) and the raw text of each source column. DuckDB parses the file
 * itself, in parallel, which is why Pulse ingests at close to {@code read_csv}'s own speed; the
 * Java side only resolves line numbers for the rows that end up rejected.
 *
 * <p>For CSV, DuckDB drops structurally broken rows (wrong column count, bad quoting) into its
 * rejects tables with their record number, and {@code __ord} counts the rows it kept. For the
 * line-based layouts (JSON Lines, whitespace) every physical line is a row and {@code __ord} is
 * its line number. For Parquet {@code __ord} is the 1-based row number.
 */
final class SourceScan {

    static final String REJECT_ERRORS = "__pulse_reject_errors";
    static final String REJECT_SCANS = "__pulse_reject_scans";

    private final SourceFormat format;
    private final String fromSql;
    private final List<String> columns;
    private final String structuralReason;
    private final boolean gzip;
    private final char delimiter;
    /** CSV only: columns the reader converts itself (name → DuckDB type); the rest are text. */
    private final Map<String, String> readerTypes = new LinkedHashMap<>();
    private static final String COLUMN_TYPES = "@@COLUMN_TYPES@@";

    private SourceScan(SourceFormat format, String fromSql, List<String> columns, String structuralReason,
                       boolean gzip, char delimiter) {
        this.format = format;
        this.fromSql = fromSql;
        this.columns = columns;
        this.structuralReason = structuralReason;
        this.gzip = gzip;
        this.delimiter = delimiter;
    }

    static SourceScan open(Connection c, Path file, Mapping mapping) {
        SourceFormat format = mapping.format() != null ? mapping.format() : SourceFormat.fromFileName(file);
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        String path = Sql.literal(file.toAbsolutePath().toString());
        return switch (format) {
            case CSV -> csv(file, path, mapping, gzip);
            case PARQUET -> parquet(c, file, path);
            case JSONL -> lines(file, path, gzip, format, List.of(), false);
            case WHITESPACE -> {
                if (mapping.columns().isEmpty()) {
                    throw new PulseInputException(mapping.name(), 0, "columns",
                            "a whitespace layout needs 'columns' naming its columns in order");
                }
                yield lines(file, path, gzip, format, mapping.columns(), mapping.header());
            }
        };
    }

    /**
     * DuckDB's sniffer guesses the dialect and the columns from a sample of rows, and one broken
     * row in that sample (an unterminated quote, a stray byte) can make it fail, or settle on a
     * wrong dialect under which every row is rejected. So Pulse reads the first record itself,
     * takes the delimiter from the mapping or from that record, the names from the header or the
     * mapping, and tells DuckDB exactly what to read.
     */
    private static SourceScan csv(Path file, String path, Mapping mapping, boolean gzip) {
        Character given = mapping.delimiter() == null ? null
                : mapping.delimiter().equals("\\t") ? '\t' : mapping.delimiter().charAt(0);
        char delimiter;
        List<String> first;
        try {
            String record = CsvRecords.firstRecord(file, gzip, given == null ? ',' : given);
            delimiter = given != null ? given : CsvRecords.guessDelimiter(record);
            if (record.indexOf('\0') >= 0) {
                throw new PulseInputException(file.toString(), 1, null,
                        "the first line is not CSV text (it holds a NUL byte)");
            }
            first = CsvRecords.split(record, delimiter);
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot read: " + e.getMessage());
        }
        List<String> columns = mapping.header() ? headerNames(first)
                : !mapping.columns().isEmpty() ? mapping.columns() : headerNames(Collections.nCopies(first.size(), ""));
        StringBuilder options = new StringBuilder("auto_detect=false, store_rejects=true, rejects_table=")
                .append(Sql.literal(REJECT_ERRORS)).append(", rejects_scan=").append(Sql.literal(REJECT_SCANS))
                .append(", header=").append(mapping.header())
                .append(", delim=").append(Sql.literal(String.valueOf(delimiter)))
                .append(", quote='\"', escape='\"', max_line_size=1048576, columns={");
        options.append(COLUMN_TYPES).append('}');
        lineEnding(file, gzip).ifPresent(nl -> options.append(", new_line=").append(Sql.literal(nl)));
        String read = "read_csv(" + path + ", " + options + ")";
        return new SourceScan(SourceFormat.CSV, "SELECT * FROM " + read, List.copyOf(columns), null, gzip, delimiter);
    }

    /** Header fields as column names: a blank one becomes column{i}, a repeated one gets _2, _3, …. */
    private static List<String> headerNames(List<String> fields) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String base = fields.get(i).isEmpty() ? "column" + i : fields.get(i);
            String name = base;
            for (int n = 2; !seen.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "_" + n;
            }
            names.add(name);
        }
        return names;
    }

    private static SourceScan parquet(Connection c, Path file, String path) {
        String read = "read_parquet(" + path + ", file_row_number=true)";
        List<String> columns = new ArrayList<>(describe(c, "SELECT * FROM " + read, file));
        columns.remove("file_row_number");
        StringBuilder select = new StringBuilder("SELECT file_row_number + 1 AS __ord");
        for (String col : columns) {
            select.append(", CAST(").append(Sql.identifier(col)).append(" AS VARCHAR) AS ").append(Sql.identifier(col));
        }
        return new SourceScan(SourceFormat.PARQUET, select + " FROM " + read, columns, null, false, ',');
    }

    /** JSON Lines and whitespace files: DuckDB reads whole lines, SQL splits them. */
    private static SourceScan lines(Path file, String path, boolean gzip, SourceFormat format, List<String> names,
                                    boolean header) {
        StringBuilder read = new StringBuilder("read_csv(").append(path)
                .append(", columns={'line': 'VARCHAR'}, header=false, sep=E'\\x1F', quote='', escape='',")
                .append(" auto_detect=false, strict_mode=false, max_line_size=1048576");
        lineEnding(file, gzip).ifPresent(nl -> read.append(", new_line=").append(Sql.literal(nl)));
        read.append(')');
        String numbered = "SELECT row_number() OVER () AS __ord, line FROM " + read;
        String keep = "line IS NOT NULL AND trim(line, E' \\t\\r') <> ''" + (header ? " AND __ord > 1" : "");
        if (format == SourceFormat.JSONL) {
            // json_extract_string throws on malformed text, and DuckDB evaluates every column for
            // every row, so only valid lines reach it; the others keep their reason and are rejected.
            String from = "SELECT __ord, CASE WHEN json_valid(line) THEN line END AS __line FROM ("
                    + numbered + ") WHERE " + keep;
            String reason = "CASE WHEN __line IS NULL THEN 'malformed JSON'"
                    + " WHEN json_type(__line) <> 'OBJECT' THEN 'a line must be one JSON object' END";
            return new SourceScan(format, from, List.of(), reason, gzip, ',');
        }
        StringBuilder from = new StringBuilder("SELECT __ord, len(__parts) AS __nparts");
        for (int i = 0; i < names.size(); i++) {
            from.append(", __parts[").append(i + 1).append("] AS ").append(Sql.identifier(names.get(i)));
        }
        from.append(" FROM (SELECT __ord, regexp_split_to_array(trim(line, E' \\t\\r'), '[ \\t]+') AS __parts FROM (")
                .append(numbered).append(") WHERE ").append(keep).append(')');
        String reason = "CASE WHEN __nparts <> " + names.size() + " THEN 'expected " + names.size()
                + " fields, found ' || __nparts END";
        return new SourceScan(format, from.toString(), List.copyOf(names), reason, gzip, ',');
    }

    /** DuckDB needs to be told about CRLF when it reads whole lines; one look at the first line decides. */
    private static Optional<String> lineEnding(Path file, boolean gzip) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            byte[] head = in.readNBytes(1 << 16);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == '\n') {
                    return Optional.of(i > 0 && head[i - 1] == '\r' ? "\\r\\n" : "\\n");
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static List<String> describe(Connection c, String select, Path file) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE " + select)) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new PulseInputException(file.toString(), "cannot read as " + "this layout: " + firstLine(e));
        }
    }

    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    SourceFormat format() {
        return format;
    }

    boolean gzip() {
        return gzip;
    }

    /** The CSV delimiter. */
    char delimiter() {
        return delimiter;
    }

    /**
     * The scan. For CSV, numbering rows costs a single-threaded pass (row_number over the whole
     * file), so it is only asked for when rejected rows need their lines; otherwise __ord is 0.
     */
    String fromSql(boolean numbered) {
        if (format != SourceFormat.CSV) {
            return fromSql;
        }
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            types.append(i == 0 ? "" : ", ").append(Sql.literal(columns.get(i))).append(": ")
                    .append(Sql.literal(readerTypes.getOrDefault(columns.get(i), "VARCHAR")));
        }
        return fromSql.replace(COLUMN_TYPES, types).replaceFirst("^SELECT \\*", numbered
                ? "SELECT row_number() OVER () AS __ord, *" : "SELECT CAST(0 AS BIGINT) AS __ord, *");
    }

    /**
     * Asks DuckDB's CSV reader to convert {@code column} to {@code duckType} itself: several times
     * cheaper than converting text in SQL. A value that does not convert then becomes a reader
     * reject, so the ingest only uses this on a first try and redoes a file that had any reader
     * rejects as text (whose record numbers are reliable). Returns false when not possible.
     */
    boolean readAs(String column, String duckType) {
        if (format != SourceFormat.CSV || !columns.contains(column)) {
            return false;
        }
        String before = readerTypes.putIfAbsent(column, duckType);
        return before == null || before.equals(duckType);
    }

    /** True when the reader converts {@code column} to {@code duckType}. */
    boolean readsAs(String column, String duckType) {
        return duckType.equals(readerTypes.get(column));
    }

    /** True when the reader converts {@code column} to some type other than text. */
    boolean readsAny(String column) {
        return readerTypes.containsKey(column);
    }

    /** True when the reader converts any column to a type other than text. */
    boolean readsAnyTyped() {
        return !readerTypes.isEmpty();
    }

    /** Back to reading every column as text. */
    void readAllAsText() {
        readerTypes.clear();
    }

    /** Up to {@code n} non-blank values of a column from the top of the file, to recognise its format. */
    List<String> sample(Connection c, String column, int n) {
        String value = Projection.trimmed(columnText(column, column));
        // Sampled as text, whatever the reader will later be asked to convert.
        Map<String, String> typed = new LinkedHashMap<>(readerTypes);
        readerTypes.clear();
        String sql = "SELECT " + value + " FROM (" + fromSql(false) + ") WHERE " + value + " IS NOT NULL LIMIT " + n;
        readerTypes.putAll(typed);
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1).trim());
            }
        } catch (SQLException e) {
            return out;
        }
        return out;
    }

    List<String> columns() {
        return columns;
    }

    /** A SQL expression giving why a row is broken before any field is read, or null. */
    String structuralReason() {
        return structuralReason;
    }

    /** The source column matching {@code name}, ignoring case; empty for JSON (keys are not known ahead). */
    Optional<String> findColumn(String name) {
        return columns.stream().filter(col -> col.equalsIgnoreCase(name)).findFirst();
    }

    /** SQL for the raw text of a source column (a JSON key for JSON Lines). */
    String columnText(String name, String where) {
        if (format == SourceFormat.JSONL) {
            return "json_extract_string(__line, " + Sql.literal("$.\"" + name.replace("\"", "\\\"") + "\"") + ")";
        }
        String actual = findColumn(name).orElseThrow(() -> new PulseInputException(where, 0, null,
                "the input has no column '" + name + "' (columns: " + String.join(", ", columns) + ")"));
        return Sql.identifier(actual);
    }
}
