package io.pulse.store.ingest;

import io.pulse.store.Sql;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the SQL that turns a {@link SourceScan} into typed canonical columns plus a
 * {@code __reason} column that says why a row is rejected (null for good rows).
 *
 * <p>DuckDB reads every column as text (so its own reader rejects only structurally broken rows,
 * with reliable record numbers) and conversions happen here with TRY_CAST, once per value, in
 * an inner layer; the checks in the outer layer compare typed values. Every name and constant
 * from a mapping goes through {@link Sql} quoting; file content never becomes SQL text.
 */
final class Projection {

    private final SourceScan scan;
    private final Mapping mapping;
    private final Connection connection;
    private final Map<String, String> typed = new LinkedHashMap<>();
    private final Map<String, String> raw = new LinkedHashMap<>();
    private final List<String[]> checks = new ArrayList<>();

    private final boolean readerConverts;

    /**
     * @param readerConverts whether a field may ask DuckDB's CSV reader to convert its column
     *                       ({@link #readerColumn}); false reads every column as text
     */
    Projection(SourceScan scan, Mapping mapping, Connection connection, boolean readerConverts) {
        this.scan = scan;
        this.mapping = mapping;
        this.connection = connection;
        this.readerConverts = readerConverts;
    }

    /**
     * The column as already converted to {@code duckType} by the CSV reader, or null when this
     * projection converts in SQL. A field that gets one skips its conversion check: a value that
     * does not convert never reaches SQL (it is a reader reject, and the ingest then starts over
     * reading text).
     */
    String readerColumn(String column, String duckType, String where) {
        if (!readerConverts) {
            return null;
        }
        String col = sourceColumn(column, where);
        return scan.readAs(col, duckType) ? Sql.identifier(col) : null;
    }

    Mapping mapping() {
        return mapping;
    }

    SourceScan scan() {
        return scan;
    }

    Connection connection() {
        return connection;
    }

    /** The mapping's rule for a field, or the same-named source column, or none. */
    Optional<FieldRule> rule(String field) {
        FieldRule rule = mapping.fields().get(field);
        if (rule != null) {
            return Optional.of(rule);
        }
        if (scan.format() == SourceFormat.JSONL) {
            return Optional.of(FieldRule.ofColumn(field));
        }
        return scan.findColumn(field).map(FieldRule::ofColumn);
    }

    /**
     * Fails when a field every row needs has neither a rule nor a same-named column: the file and
     * the mapping do not fit, and rejecting every row one by one would only hide that.
     */
    void require(String field) {
        if (rule(field).isEmpty()) {
            throw new io.pulse.core.PulseInputException(mapping.name(), 0, "fields." + field, "the input has no '"
                    + field + "' column and the mapping names none (columns: " + String.join(", ", scan.columns()) + ")");
        }
    }

    /** The actual source column name behind a mapping's column reference. */
    String sourceColumn(String name, String where) {
        if (scan.format() == SourceFormat.JSONL) {
            return name;
        }
        return scan.findColumn(name).orElseThrow(() -> new io.pulse.core.PulseInputException(where, 0, null,
                "the input has no column '" + name + "' (columns: " + String.join(", ", scan.columns()) + ")"));
    }

    /** The trimmed text of a source column, NULL when blank. */
    String text(String column, String where) {
        String col = sourceColumn(column, where);
        String expr = scan.columnText(col, where);
        if (scan.readsAs(col, "VARCHAR") || !scan.readsAny(col)) {
            return trimmed(expr);
        }
        return "CAST(" + expr + " AS VARCHAR)";
    }

    /**
     * A text without the spaces around it (what {@code trim} removes), NULL when empty. Values
     * rarely have such spaces, and {@code prefix}/{@code suffix} look without copying the text,
     * so only the few that do are trimmed: on a 10M-row file that saves a tenth of the load.
     */
    static String trimmed(String text) {
        return "CASE WHEN prefix(" + text + ", ' ') OR suffix(" + text + ", ' ') THEN nullif(trim(" + text
                + "), '') ELSE nullif(" + text + ", '') END";
    }

    /** A source column converted to {@code duckType}; NULL when blank or not convertible. */
    String value(String column, String duckType, String where) {
        String text = text(column, where);
        return duckType.equals("VARCHAR") ? text : "TRY_CAST(" + text + " AS " + duckType + ")";
    }

    /** A field's text after value maps and conditions; SQL NULL when absent or blank. */
    String textField(String field) {
        Optional<FieldRule> found = rule(field);
        if (found.isEmpty()) {
            return "CAST(NULL AS VARCHAR)";
        }
        FieldRule rule = found.get();
        String where = mapping.name() + ": fields." + field;
        String base = rule.value() != null ? Sql.literal(rule.value()) : value(rule.column(), "VARCHAR", where);
        if (!rule.map().isEmpty()) {
            StringBuilder cased = new StringBuilder("CASE ").append(base);
            rule.map().forEach((from, to) -> cased.append(" WHEN ").append(Sql.literal(from))
                    .append(" THEN ").append(Sql.literal(to)));
            base = cased.append(" ELSE ").append(base).append(" END").toString();
        }
        if (!rule.when().isEmpty()) {
            StringBuilder cased = new StringBuilder("CASE");
            for (FieldRule.Condition c : rule.when()) {
                String col = text(c.column(), where + ".when.column");
                String test = c.equalsText() != null
                        ? col + " = " + Sql.literal(c.equalsText())
                        : "starts_with(" + col + ", " + Sql.literal(c.startsWith()) + ")";
                cased.append(" WHEN ").append(test).append(" THEN ").append(Sql.literal(c.then()));
            }
            base = cased.append(" ELSE ").append(base).append(" END").toString();
        }
        return base;
    }

    /** Declares an output column of the stage. */
    void output(String name, String sql) {
        typed.put(name, sql);
    }

    /** Declares a raw text column kept for reasons only (the value a check quotes). */
    void rawText(String name, String sql) {
        raw.put(name, sql);
    }

    /** Adds a check: when {@code failsSql} is true the row is rejected with {@code reasonSql}. */
    void check(String failsSql, String reasonSql) {
        checks.add(new String[] {failsSql, reasonSql});
    }

    /**
     * SQL that is true when a text has more than {@code chars} characters. The byte length is
     * known without reading the text, and a text of at most that many bytes cannot have more
     * characters, so counting characters is left to the rare long ones.
     */
    static String longerThan(String text, int chars) {
        return "(strlen(" + text + ") > " + chars + " AND length(" + text + ") > " + chars + ")";
    }

    /** SQL naming an output column inside checks. */
    static String t(String field) {
        return Sql.identifier(field);
    }

    /** SQL naming a raw text column inside checks. */
    static String r(String field) {
        return Sql.identifier("r_" + field);
    }

    /** A reason that quotes the offending value (raw text when kept), cut to 60 characters. */
    String quoting(String prefix, String field, String suffix) {
        String shown = raw.containsKey(field) ? r(field) : "CAST(" + t(field) + " AS VARCHAR)";
        return Sql.literal(prefix + " '") + " || left(" + shown + ", 60) || " + Sql.literal("'" + suffix);
    }

    /** The output columns, in order. */
    List<String> outputs() {
        return List.copyOf(typed.keySet());
    }

    /** {@code SELECT __ord, <outputs>, __reason FROM ...}: raw text, then typed values, then the first failed check. */
    String sql(boolean numbered) {
        StringBuilder rawLayer = new StringBuilder("SELECT *");
        String structural = scan.structuralReason();
        rawLayer.append(", ").append(structural == null ? "CAST(NULL AS VARCHAR)" : structural).append(" AS __struct");
        raw.forEach((name, expr) -> rawLayer.append(", ").append(expr).append(" AS ").append(r(name)));
        rawLayer.append(" FROM (").append(scan.fromSql(numbered)).append(')');

        StringBuilder typedLayer = new StringBuilder("SELECT __ord, __struct");
        raw.keySet().forEach(name -> typedLayer.append(", ").append(r(name)));
        typed.forEach((name, expr) -> typedLayer.append(", ").append(expr).append(" AS ").append(t(name)));
        typedLayer.append(" FROM (").append(rawLayer).append(')');

        StringBuilder reason = new StringBuilder("CASE WHEN __struct IS NOT NULL THEN __struct");
        for (String[] c : checks) {
            reason.append(" WHEN ").append(c[0]).append(" THEN ").append(c[1]);
        }
        reason.append(" END");
        StringBuilder outer = new StringBuilder("SELECT __ord");
        typed.keySet().forEach(name -> outer.append(", ").append(t(name)));
        return outer.append(", ").append(reason).append(" AS __reason FROM (").append(typedLayer).append(')').toString();
    }
}
