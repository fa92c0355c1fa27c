package io.pulse.store.ingest;

import io.pulse.core.PulseInputException;
import io.pulse.core.event.EventTypes;
import io.pulse.store.Sql;

import java.util.List;
import java.util.stream.Collectors;

import static io.pulse.store.ingest.Projection.r;
import static io.pulse.store.ingest.Projection.t;

/**
 * Loads rows into {@code events}. Checks, in order: user_id present, ts present and readable and
 * within 1990–2099, type present and known, amount / duration_s a non-negative number, quantity a
 * non-negative integer, text fields at most 1000 characters (user_id 256).
 *
 * <p>Deduplication: an event is identified by its event_id. A row without one gets
 * {@code h<md5 of its canonical content>}; in a file with no event_id column at all, identical
 * rows are numbered ({@code .1}, {@code .2}, …) so a log that legitimately repeats a line (CDNOW
 * has 215 such pairs) keeps every copy, while loading the same file again adds nothing.
 */
final class EventTarget implements IngestTarget {

    static final List<String> FIELDS = List.of("event_id", "user_id", "ts", "type", "amount", "duration_s",
            "item_id", "category", "channel", "source", "quantity");
    private static final List<String> TEXT_FIELDS = List.of("event_id", "item_id", "category", "channel", "source");
    private static final String MONEY = "DECIMAL(18,4)";

    private final EventTypes types;
    private boolean hasEventIds;

    EventTarget(EventTypes types) {
        this.types = types;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public void project(Projection p) {
        p.require("user_id");
        p.require("ts");
        p.require("type");
        hasEventIds = p.rule("event_id").isPresent();
        p.output("user_id", p.textField("user_id"));
        p.check(t("user_id") + " IS NULL", "'missing user_id'");
        p.check(Projection.longerThan(t("user_id"), 256), "'user_id longer than 256 characters'");

        Timestamps.project(p, "ts");

        p.output("type", "lower(" + p.textField("type") + ")");
        p.check(t("type") + " IS NULL", "'missing type'");
        p.check(t("type") + " NOT IN (" + types.names().stream().map(Sql::literal).collect(Collectors.joining(", "))
                + ")", p.quoting("unknown type", "type", " (known: " + String.join(", ", types.names()) + ")"));

        projectAmount(p);
        number(p, "duration_s", "DOUBLE", false);
        p.check(t("duration_s") + " < 0 OR NOT isfinite(" + t("duration_s") + ")",
                p.quoting("duration_s", "duration_s", " must be a finite number >= 0"));
        number(p, "quantity", "INTEGER", true);
        p.check(t("quantity") + " < 0", p.quoting("negative quantity", "quantity", ""));

        for (String f : TEXT_FIELDS) {
            p.output(f, p.textField(f));
            p.check(Projection.longerThan(t(f), 1000), Sql.literal(f + " longer than 1000 characters"));
        }
    }

    private void projectAmount(Projection p) {
        FieldRule rule = p.rule("amount").orElse(null);
        if (rule == null || rule.value() != null || rule.times() == null) {
            number(p, "amount", MONEY, true);
        } else {
            String where = p.mapping().name() + ": fields.amount";
            String a = p.value(rule.column(), MONEY, where);
            String b = p.value(rule.times(), MONEY, where + ".times");
            String product = "CAST(" + a + " * " + b + " AS " + MONEY + ")";
            String aText = p.text(rule.column(), where);
            String bText = p.text(rule.times(), where);
            p.output("amount", rule.abs() ? "abs(" + product + ")" : product);
            p.rawText("amount", "coalesce(" + aText + ", '') || ' x ' || coalesce(" + bText + ", '')");
            // Checks see only raw and typed columns, not the source ones, so whether either operand
            // was given is kept as a raw column too.
            p.rawText("amount_given", aText + " IS NOT NULL OR " + bText + " IS NOT NULL");
            p.check(t("amount") + " IS NULL AND " + r("amount_given"),
                    p.quoting("amount", "amount", " is not a number"));
        }
        p.check(t("amount") + " < 0", p.quoting("negative amount", "amount", ""));
    }

    /** A numeric field converted to {@code duckType}, with abs when the rule asks. */
    static void number(Projection p, String field, String duckType, boolean allowAbs) {
        FieldRule rule = p.rule(field).orElse(null);
        if (rule == null) {
            p.output(field, "CAST(NULL AS " + duckType + ")");
            return;
        }
        String where = p.mapping().name() + ": fields." + field;
        if (rule.abs() && !allowAbs) {
            throw new PulseInputException(p.mapping().name(), 0, "fields." + field + ".abs", "abs is not allowed here");
        }
        // Integers stay text for the reader: it would round '1.5' where Pulse rejects it.
        String converted = rule.column() != null && !duckType.equals("INTEGER")
                ? p.readerColumn(rule.column(), duckType, where) : null;
        if (converted != null) {
            p.output(field, rule.abs() ? "abs(" + converted + ")" : converted);
            return;
        }
        String value;
        if (rule.value() != null) {
            value = "TRY_CAST(" + Sql.literal(rule.value()) + " AS " + duckType + ")";
            p.rawText(field, Sql.literal(rule.value()));
        } else {
            value = p.value(rule.column(), duckType, where);
            p.rawText(field, p.text(rule.column(), where));
        }
        if (duckType.equals("INTEGER")) {
            // DuckDB casts '1.5' to INTEGER as 2; a count with a fraction is a mistake, not a rounding.
            value = "CASE WHEN regexp_full_match(" + r(field) + ", '[+-]?[0-9]+') THEN " + value + " END";
        }
        p.output(field, rule.abs() ? "abs(" + value + ")" : value);
        p.check(r(field) + " IS NOT NULL AND " + t(field) + " IS NULL",
                p.quoting(field, field, " is not " + (duckType.equals("INTEGER") ? "an integer" : "a number")));
    }

    private static final String CONTENT = "md5(concat_ws(chr(31), user_id, CAST(ts AS VARCHAR), type, "
            + "CAST(amount AS VARCHAR), CAST(duration_s AS VARCHAR), item_id, category, channel, source, "
            + "CAST(quantity AS VARCHAR)))";
    /** The key of a row in a file with an event_id column. */
    private static final String ID_KEY = "coalesce(event_id, 'h' || " + CONTENT + ")";

    @Override
    public String repeatsSql() {
        // Files without ids number identical rows instead, so their keys never repeat.
        return hasEventIds ? "count(" + ID_KEY + ") FILTER (WHERE __reason IS NULL) - count(DISTINCT " + ID_KEY
                + ") FILTER (WHERE __reason IS NULL)" : "0";
    }

    @Override
    public String optimisticInsertSql(String rows, long batch) {
        String cols = "user_id, ts, type, amount, duration_s, item_id, category, channel, source, quantity";
        return "INSERT INTO events (event_id, " + cols + ", batch_id) SELECT " + key() + ", " + cols + ", " + batch
                + " FROM " + rows + " WHERE CASE WHEN __reason IS NULL THEN true ELSE error("
                + Sql.literal(NEEDS_CHECKING) + ") END";
    }

    private String key() {
        return hasEventIds ? ID_KEY
                : "'h' || " + CONTENT + " || '.' || row_number() OVER (PARTITION BY " + CONTENT + ")";
    }

    @Override
    public String insertSql(String rows, long batch, boolean repeats) {
        String cols = "user_id, ts, type, amount, duration_s, item_id, category, channel, source, quantity";
        String key = key();
        // Rows sharing an id are the same event sent twice: DISTINCT ON keeps one. It costs about
        // a third of a clean 10M-row load, so it runs only when the check pass saw repeats.
        return "INSERT INTO events (event_id, " + cols + ", batch_id) SELECT " + (repeats ? "DISTINCT ON (event_id) " : "")
                + "event_id, " + cols + ", " + batch + " FROM (SELECT " + key + " AS event_id, " + cols + " FROM " + rows
                + " WHERE __reason IS NULL) v WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = v.event_id)";
    }
}
