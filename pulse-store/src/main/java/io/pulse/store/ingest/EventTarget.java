package io.pulse.store.ingest;

import io.pulse.core.event.EventTypes;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.pulse.store.ingest.Projection.quoting;
import static io.pulse.store.ingest.Projection.r;
import static io.pulse.store.ingest.Projection.t;

/**
 * Loads rows into {@code events}. Checks, in order: user_id present, ts present and readable and
 * within 1990–2099, type present and known, amount / duration_s a non-negative number, quantity a
 * non-negative integer, text fields at most 1000 characters (user_id 256).
 *
 * <p>Deduplication: an event is identified by its event_id. A row without one gets
 * {@code h<md5 of its canonical content>.<n>}, where n numbers identical rows within the file, so
 * a log that legitimately repeats a line (CDNOW has 215 such pairs) keeps both, while loading the
 * same file again adds nothing.
 */
final class EventTarget implements IngestTarget {

    static final List<String> FIELDS = List.of("event_id", "user_id", "ts", "type", "amount", "duration_s",
            "item_id", "category", "channel", "source", "quantity");
    private static final List<String> TEXT_FIELDS = List.of("event_id", "item_id", "category", "channel", "source");

    private final EventTypes types;

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
        Mapping m = p.mapping();
        p.field("user_id", r("user_id"));
        p.field("ts", timestamp(m, p.rule("ts").map(FieldRule::format).orElse(null)));
        p.field("type", "lower(" + r("type") + ")");
        FieldRule amount = p.rule("amount").orElse(null);
        String money = "TRY_CAST(" + r("amount") + " AS DECIMAL(18,4))";
        if (amount != null && amount.times() != null) {
            p.rawOnly("amount_times", p.columnText(amount.times(), m.name() + ": fields.amount.times"));
            money = "CAST(" + money + " * TRY_CAST(" + r("amount_times") + " AS DECIMAL(18,4)) AS DECIMAL(18,4))";
        }
        p.field("amount", amount != null && amount.abs() ? "abs(" + money + ")" : money);
        p.field("duration_s", "TRY_CAST(" + r("duration_s") + " AS DOUBLE)");
        String qty = "TRY_CAST(" + r("quantity") + " AS INTEGER)";
        p.field("quantity", p.rule("quantity").map(FieldRule::abs).orElse(false) ? "abs(" + qty + ")" : qty);
        TEXT_FIELDS.forEach(f -> p.field(f, r(f)));

        p.check(r("user_id") + " IS NULL", "'missing user_id'");
        p.check("length(" + r("user_id") + ") > 256", "'user_id longer than 256 characters'");
        p.check(r("ts") + " IS NULL", "'missing ts'");
        p.check(t("ts") + " IS NULL", quoting("unparseable ts", "ts", ""));
        p.check(t("ts") + " < TIMESTAMP '1990-01-01' OR " + t("ts") + " >= TIMESTAMP '2100-01-01'",
                quoting("ts", "ts", " is outside 1990-01-01..2099-12-31"));
        p.check(r("type") + " IS NULL", "'missing type'");
        p.check(t("type") + " NOT IN (" + types.names().stream().map(Sql::literal).collect(Collectors.joining(", "))
                + ")", quoting("unknown type", "type", " (known: " + String.join(", ", types.names()) + ")"));
        p.check(r("amount") + " IS NOT NULL AND TRY_CAST(" + r("amount") + " AS DECIMAL(18,4)) IS NULL",
                quoting("amount", "amount", " is not a number"));
        if (amount != null && amount.times() != null) {
            p.check(r("amount_times") + " IS NOT NULL AND TRY_CAST(" + r("amount_times") + " AS DECIMAL(18,4)) IS NULL",
                    quoting("amount factor", "amount_times", " is not a number"));
        }
        p.check(t("amount") + " < 0", quoting("negative amount", "amount", ""));
        p.check(r("duration_s") + " IS NOT NULL AND (" + t("duration_s") + " IS NULL OR NOT isfinite("
                + t("duration_s") + "))", quoting("duration_s", "duration_s", " is not a number"));
        p.check(t("duration_s") + " < 0", quoting("negative duration_s", "duration_s", ""));
        p.check(r("quantity") + " IS NOT NULL AND " + t("quantity") + " IS NULL",
                quoting("quantity", "quantity", " is not an integer"));
        p.check(t("quantity") + " < 0", quoting("negative quantity", "quantity", ""));
        for (String f : TEXT_FIELDS) {
            p.check("length(" + r(f) + ") > 1000", Sql.literal(f + " longer than 1000 characters"));
        }
    }

    /** SQL reading a timestamp per the rule's format; see docs/mappings.md. */
    static String timestamp(Mapping m, String format) {
        String v = r("ts");
        ZoneId zone = m.zone();
        boolean utc = zone.normalized().equals(ZoneId.of("UTC").normalized()) || zone.getId().equals("UTC");
        String fmt = Optional.ofNullable(format).orElse("auto");
        String epochS = "make_timestamp(TRY_CAST(" + v + " AS BIGINT) * 1000000)";
        String epochMs = "make_timestamp(TRY_CAST(" + v + " AS BIGINT) * 1000)";
        String naive;
        String zoned = "CAST(TRY_CAST(" + v + " AS TIMESTAMPTZ) AS TIMESTAMP)";
        switch (fmt) {
            case "epoch_s":
                return epochS;
            case "epoch_ms":
                return epochMs;
            case "auto":
            case "iso":
                naive = "TRY_CAST(" + v + " AS TIMESTAMP)";
                String text = utc ? zoned
                        : "CASE WHEN regexp_matches(" + v + ", '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN " + zoned
                        + " ELSE " + inZone(naive, zone) + " END";
                if (fmt.equals("iso")) {
                    return text;
                }
                // Epoch numbers: 12+ digits can only be milliseconds for any date this side of 5138.
                return "CASE WHEN TRY_CAST(" + v + " AS BIGINT) IS NULL THEN " + text
                        + " WHEN abs(TRY_CAST(" + v + " AS BIGINT)) >= 100000000000 THEN " + epochMs
                        + " ELSE " + epochS + " END";
            default:
                String parsed = "CAST(try_strptime(" + v + ", " + Sql.literal(fmt) + ") AS TIMESTAMP)";
                boolean hasZone = fmt.contains("%z") || fmt.contains("%Z");
                return utc || hasZone ? parsed : inZone(parsed, zone);
        }
    }

    private static String inZone(String naiveTimestamp, ZoneId zone) {
        return "CAST(timezone(" + Sql.literal(zone.getId()) + ", " + naiveTimestamp + ") AS TIMESTAMP)";
    }

    @Override
    public String insertSql(String view, long batch) {
        String content = "concat_ws(chr(31), user_id, CAST(ts AS VARCHAR), type, CAST(amount AS VARCHAR), "
                + "CAST(duration_s AS VARCHAR), item_id, category, channel, source, CAST(quantity AS VARCHAR))";
        String cols = "user_id, ts, type, amount, duration_s, item_id, category, channel, source, quantity";
        return "INSERT INTO events (event_id, " + cols + ", batch_id) "
                + "SELECT CASE WHEN event_id IS NULL THEN __key || '.' || __occ ELSE __key END, " + cols + ", " + batch
                + " FROM (SELECT *, row_number() OVER (PARTITION BY __key ORDER BY __ord) AS __occ FROM ("
                + "SELECT *, coalesce(event_id, 'h' || md5(" + content + ")) AS __key FROM " + view
                + " WHERE __reason IS NULL)) v"
                + " WHERE (event_id IS NULL OR __occ = 1)"
                + " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id ="
                + " CASE WHEN v.event_id IS NULL THEN v.__key || '.' || v.__occ ELSE v.__key END)";
    }
}
