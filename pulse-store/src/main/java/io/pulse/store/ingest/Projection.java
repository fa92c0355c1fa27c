package io.pulse.store.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the SQL that turns a {@link SourceScan} into typed canonical columns plus a
 * {@code __reason} column that says why a row is rejected (null for good rows). It is three
 * layers: raw text per field, typed values, then the first failed check. Every name and constant
 * from a mapping goes through {@link Sql} quoting; file content never becomes SQL text.
 */
final class Projection {

    private final SourceScan scan;
    private final Mapping mapping;
    private final Map<String, String> raw = new LinkedHashMap<>();
    private final Map<String, String> typed = new LinkedHashMap<>();
    private final List<String[]> checks = new ArrayList<>();

    Projection(SourceScan scan, Mapping mapping) {
        this.scan = scan;
        this.mapping = mapping;
    }

    Mapping mapping() {
        return mapping;
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

    /** The raw text of a field after value maps and conditions; SQL NULL when absent or blank. */
    String rawText(String field) {
        Optional<FieldRule> found = rule(field);
        if (found.isEmpty()) {
            return "CAST(NULL AS VARCHAR)";
        }
        FieldRule rule = found.get();
        String where = mapping.name() + ": fields." + field;
        String base = rule.value() != null ? Sql.literal(rule.value()) : columnText(rule.column(), where);
        if (!rule.map().isEmpty()) {
            StringBuilder cased = new StringBuilder("CASE ").append(base);
            rule.map().forEach((from, to) -> cased.append(" WHEN ").append(Sql.literal(from))
                    .append(" THEN ").append(Sql.literal(to)));
            base = cased.append(" ELSE ").append(base).append(" END").toString();
        }
        if (!rule.when().isEmpty()) {
            StringBuilder cased = new StringBuilder("CASE");
            for (FieldRule.Condition c : rule.when()) {
                String col = columnText(c.column(), where + ".when.column");
                String test = c.equalsText() != null
                        ? col + " = " + Sql.literal(c.equalsText())
                        : "starts_with(" + col + ", " + Sql.literal(c.startsWith()) + ")";
                cased.append(" WHEN ").append(test).append(" THEN ").append(Sql.literal(c.then()));
            }
            base = cased.append(" ELSE ").append(base).append(" END").toString();
        }
        return base;
    }

    /** The trimmed text of a source column, NULL when blank. */
    String columnText(String column, String where) {
        return "nullif(trim(" + scan.columnText(column, where) + "), '')";
    }

    /** Declares a field: its raw text comes from the mapping, its typed value from {@code typedSql}. */
    void field(String name, String typedSql) {
        raw.put(name, rawText(name));
        typed.put(name, typedSql);
    }

    /** Declares a field with an explicitly given raw expression (for derived inputs such as "times"). */
    void rawOnly(String name, String rawSql) {
        raw.put(name, rawSql);
    }

    /** Adds a check: when {@code failsSql} is true the row is rejected with {@code reasonSql}. */
    void check(String failsSql, String reasonSql) {
        checks.add(new String[] {failsSql, reasonSql});
    }

    /** SQL naming the raw text of a field inside checks and typed expressions. */
    static String r(String field) {
        return Sql.identifier("r_" + field);
    }

    /** SQL naming the typed value of a field inside checks. */
    static String t(String field) {
        return Sql.identifier(field);
    }

    /** A reason that quotes the offending value, cut to 60 characters. */
    static String quoting(String prefix, String field, String suffix) {
        return Sql.literal(prefix + " '") + " || left(" + r(field) + ", 60) || " + Sql.literal("'" + suffix);
    }

    String sql() {
        StringBuilder layer1 = new StringBuilder("SELECT __ord");
        String structural = scan.structuralReason();
        layer1.append(", ").append(structural == null ? "CAST(NULL AS VARCHAR)" : structural).append(" AS __struct");
        raw.forEach((name, expr) -> layer1.append(", ").append(expr).append(" AS ").append(r(name)));
        layer1.append(" FROM (").append(scan.fromSql()).append(')');

        StringBuilder layer2 = new StringBuilder("SELECT *");
        typed.forEach((name, expr) -> layer2.append(", ").append(expr).append(" AS ").append(t(name)));
        layer2.append(" FROM (").append(layer1).append(')');

        StringBuilder reason = new StringBuilder("CASE WHEN __struct IS NOT NULL THEN __struct");
        for (String[] c : checks) {
            reason.append(" WHEN ").append(c[0]).append(" THEN ").append(c[1]);
        }
        reason.append(" END");
        return "SELECT *, " + reason + " AS __reason FROM (" + layer2 + ")";
    }
}
