package io.pulse.store.ingest;

import io.pulse.store.Sql;

import java.util.List;

import static io.pulse.store.ingest.Projection.r;
import static io.pulse.store.ingest.Projection.t;

/**
 * Loads rows into {@code users}: who a user is. A later file's row for the same user replaces the
 * earlier one; a row identical to what the store has counts as a duplicate.
 */
final class UserTarget implements IngestTarget {

    static final List<String> FIELDS = List.of("user_id", "signup_date", "age_band", "gender", "region", "channel");
    private static final List<String> TEXT_FIELDS = List.of("age_band", "gender", "region", "channel");

    @Override
    public String name() {
        return "users";
    }

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public void project(Projection p) {
        p.require("user_id");
        p.output("user_id", p.textField("user_id"));
        p.check(t("user_id") + " IS NULL", "'missing user_id'");
        p.check(Projection.longerThan(t("user_id"), 256), "'user_id longer than 256 characters'");
        FieldRule rule = p.rule("signup_date").orElse(null);
        if (rule == null || rule.column() == null) {
            p.output("signup_date", rule == null ? "CAST(NULL AS DATE)" : "TRY_CAST(" + Sql.literal(rule.value()) + " AS DATE)");
        } else {
            String where = p.mapping().name() + ": fields.signup_date";
            String value = rule.format() != null
                    ? "CAST(try_strptime(" + p.text(rule.column(), where) + ", " + Sql.literal(rule.format()) + ") AS DATE)"
                    : p.value(rule.column(), "DATE", where);
            p.output("signup_date", value);
            p.rawText("signup_date", p.text(rule.column(), where));
            p.check(r("signup_date") + " IS NOT NULL AND " + t("signup_date") + " IS NULL",
                    p.quoting("unparseable signup_date", "signup_date", ""));
        }
        for (String f : TEXT_FIELDS) {
            p.output(f, p.textField(f));
            p.check(Projection.longerThan(t(f), 1000), Sql.literal(f + " longer than 1000 characters"));
        }
    }

    /** The last row for a user wins, so rows need their file order (an unnumbered CSV scan gives every row 0). */
    @Override
    public boolean needsRowOrder() {
        return true;
    }

    @Override
    public String insertSql(String rows, long batch, boolean repeats) {
        String cols = "user_id, signup_date, age_band, gender, region, channel";
        return "INSERT INTO users (" + cols + ", batch_id) SELECT " + cols + ", " + batch + " FROM ("
                + "SELECT * FROM " + rows + " WHERE __reason IS NULL"
                + " QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY __ord DESC) = 1) v"
                + " WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = v.user_id"
                + " AND u.signup_date IS NOT DISTINCT FROM v.signup_date AND u.age_band IS NOT DISTINCT FROM v.age_band"
                + " AND u.gender IS NOT DISTINCT FROM v.gender AND u.region IS NOT DISTINCT FROM v.region"
                + " AND u.channel IS NOT DISTINCT FROM v.channel)"
                + " ON CONFLICT (user_id) DO UPDATE SET signup_date = excluded.signup_date,"
                + " age_band = excluded.age_band, gender = excluded.gender, region = excluded.region,"
                + " channel = excluded.channel, batch_id = excluded.batch_id";
    }
}
