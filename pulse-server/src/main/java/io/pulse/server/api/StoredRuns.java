package io.pulse.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.store.StoreException;
import io.pulse.store.views.StoreReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored runs of the tag audit ({@code tag_audits}) and of the stream ({@code stream_runs},
 * {@code stream_alerts}) as the API answers them; {@code pulse report} shows the same, so the page and the API
 * agree. Empty when the verb has not stored a run.
 */
public final class StoredRuns {

    /** The verb that stores a tag audit, for not_computed answers. */
    static final String AUDIT_VERB = "tags audit";
    /** The verb that stores a stream run. */
    static final String STREAM_VERB = "stream --replay FILE --db";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredRuns() {
    }

    /**
     * The newest audit: the document {@code pulse tags audit --json} wrote, as stored, with {@code audit_id} and
     * {@code computed_at} first.
     */
    public static Optional<Map<String, Object>> tagAudit(StoreReader r) {
        if (!r.exists("tag_audits")) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = r.rows("SELECT audit_id, computed_at, audit FROM tag_audits"
                + " ORDER BY audit_id DESC LIMIT 1");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("audit_id", row.get("audit_id"));
        m.put("computed_at", row.get("computed_at"));
        try {
            // Kept as JSON nodes, so the numbers go out exactly as they were written.
            JSON.readTree((String) row.get("audit")).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue()));
        } catch (JsonProcessingException e) {
            throw new StoreException("tag audit " + row.get("audit_id") + " is not JSON: " + e.getOriginalMessage(), e);
        }
        return Optional.of(m);
    }

    /**
     * The newest stream run: its accounting ({@code run}), up to {@code limit} of its alerts (sustained first, then
     * the newest end first), the count of every alert by label, and the decisions of the alerts that carry one.
     */
    public static Optional<Map<String, Object>> streamSummary(StoreReader r, int limit) {
        if (!r.exists("stream_runs")) {
            return Optional.empty();
        }
        List<Map<String, Object>> runs = StoreViews.parsed(r.rows("SELECT run_id, finished_at, source, events_in,"
                + " late, duplicates, filtered, accepted, windows_closed, alerts, alerts_transient, alerts_sustained,"
                + " watermark FROM stream_runs ORDER BY run_id DESC LIMIT 1"), "filtered");
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> run = runs.get(0);
        Object id = run.get("run_id");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run);
        m.put("alerts", r.rows("""
                SELECT id, "window", key, start, "end", kind, label, windows, events, baseline, top_source,
                       top_source_share, distinct_users, related_lift, decision, reason
                FROM stream_alerts WHERE run_id = ?
                ORDER BY label = 'SUSTAINED' DESC, "end" DESC, id LIMIT ?""", id, limit));
        Map<String, Object> byLabel = new LinkedHashMap<>();
        r.rows("SELECT label, count(*) AS n FROM stream_alerts WHERE run_id = ? GROUP BY label ORDER BY label", id)
                .forEach(row -> byLabel.put((String) row.get("label"), row.get("n")));
        m.put("by_label", byLabel);
        m.put("decisions", r.rows("""
                SELECT key, "window", decision, reason, start, "end" FROM stream_alerts
                WHERE run_id = ? AND coalesce(decision, '') <> ''
                ORDER BY "end" DESC, id""", id));
        return Optional.of(m);
    }
}
