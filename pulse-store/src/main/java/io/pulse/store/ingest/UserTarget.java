package io.pulse.store.ingest;

import java.util.List;

import static io.pulse.store.ingest.Projection.quoting;
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
        p.field("user_id", r("user_id"));
        String format = p.rule("signup_date").map(FieldRule::format).orElse(null);
        p.field("signup_date", format == null
                ? "CAST(TRY_CAST(" + r("signup_date") + " AS TIMESTAMP) AS DATE)"
                : "CAST(try_strptime(" + r("signup_date") + ", " + Sql.literal(format) + ") AS DATE)");
        TEXT_FIELDS.forEach(f -> p.field(f, r(f)));
        p.check(r("user_id") + " IS NULL", "'missing user_id'");
        p.check("length(" + r("user_id") + ") > 256", "'user_id longer than 256 characters'");
        p.check(r("signup_date") + " IS NOT NULL AND " + t("signup_date") + " IS NULL",
                quoting("unparseable signup_date", "signup_date", ""));
        for (String f : TEXT_FIELDS) {
            p.check("length(" + r(f) + ") > 1000", Sql.literal(f + " longer than 1000 characters"));
        }
    }

    @Override
    public String insertSql(String view, long batch) {
        String cols = "user_id, signup_date, age_band, gender, region, channel";
        return "INSERT INTO users (" + cols + ", batch_id) SELECT " + cols + ", " + batch + " FROM ("
                + "SELECT * FROM " + view + " WHERE __reason IS NULL"
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
