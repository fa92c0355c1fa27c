package io.pulse.store.tags;

import io.pulse.store.PulseStore;
import io.pulse.store.UtcTime;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code tag_audits}: one row per {@code pulse tags audit}, appended, holding the audit's JSON document
 * as the CLI writes it ({@code pulse tags audit --json}), so a dashboard shows exactly what the verb printed and
 * older audits stay for comparison. The document is kept whole rather than spread over tables: it is read whole,
 * and its shape is the one documented in docs/tags.md.
 */
public final class TagAuditStore {

    static final String DDL = """
            CREATE TABLE IF NOT EXISTS tag_audits (
                audit_id     INTEGER PRIMARY KEY,
                computed_at  TIMESTAMP NOT NULL,
                tags_at      DATE NOT NULL,
                horizon_days INTEGER NOT NULL,
                audit        VARCHAR NOT NULL
            )""";

    private TagAuditStore() {
    }

    /** One stored audit; {@code json} is the document as stored. */
    public record StoredAudit(int auditId, Instant computedAt, LocalDate tagsAt, int horizonDays, String json) {
    }

    /** Appends an audit as the next {@code audit_id}, in one transaction, and returns that id. */
    public static int store(PulseStore store, LocalDate tagsAt, int horizonDays, String json) {
        return store.inTransaction("tag_audits", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
            }
            int id = (int) store.scalarLong("SELECT coalesce(max(audit_id), 0) + 1 FROM tag_audits");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO tag_audits VALUES (?, ?, ?, ?, ?)")) {
                p.setInt(1, id);
                p.setObject(2, UtcTime.of(Instant.now()));
                p.setObject(3, tagsAt);
                p.setInt(4, horizonDays);
                p.setString(5, json);
                p.executeUpdate();
            }
            return id;
        });
    }

    /** The newest audit, or empty when none is stored. */
    public static Optional<StoredAudit> latest(PulseStore store) {
        if (!TagRun.tableExists(store, "tag_audits")) {
            return Optional.empty();
        }
        List<StoredAudit> rows = TagRun.rows(store, "SELECT audit_id, computed_at, tags_at, horizon_days, audit"
                + " FROM tag_audits ORDER BY audit_id DESC LIMIT 1", List.of(), rs -> new StoredAudit(rs.getInt(1),
                UtcTime.read(rs, 2), rs.getObject(3, LocalDate.class), rs.getInt(4), rs.getString(5)));
        return rows.stream().findFirst();
    }
}
