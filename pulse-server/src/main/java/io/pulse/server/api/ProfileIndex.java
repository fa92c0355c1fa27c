package io.pulse.server.api;

import io.pulse.server.PulseJson;
import io.pulse.store.tags.TagSet;
import io.pulse.store.views.StoreReader;
import org.roaringbitmap.RoaringBitmap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every user's profile, read from the store's tables in one pass each and kept as its JSON, so a profile request
 * is one map look-up instead of a scan of every table (DuckDB has no index on user_id; a scan of the events per
 * request would cost tens of milliseconds). Kept as UTF-8 bytes rather than maps: one array per user, 1–2 kB,
 * instead of hundreds of thousands of small objects that every garbage collection would have to walk.
 *
 * <p>Features are the user's event summary up to the store's last event: counts, revenue, first and last event,
 * active days, browse seconds, and recency in days before the store's last event.
 */
final class ProfileIndex {

    static final int RECENT_ACTIONS = 10;

    private final Map<String, byte[]> json;

    private ProfileIndex(Map<String, byte[]> json) {
        this.json = json;
    }

    /** The profiles of every user in the users table, the events or the tags. */
    static ProfileIndex load(StoreReader r, TagSet tags) {
        return new Tables(r, tags).profiles();
    }

    /** The profile of {@code userId} as JSON, or empty for a user the store does not know. */
    Optional<byte[]> profile(String userId) {
        return Optional.ofNullable(json.get(userId));
    }

    /** The tables by user, while the profiles are built. */
    private static final class Tables {
        private final Map<String, Map<String, Object>> attributes;
        private final Map<String, Map<String, Object>> features;
        private final Map<String, Map<String, Object>> segment;
        private final Map<String, List<Map<String, Object>>> clv;
        private final Map<String, List<Map<String, Object>>> predictions;
        private final Map<String, Map<String, Object>> thresholds;
        private final Map<String, List<Map<String, Object>>> actions;
        private final Map<String, Map<String, Object>> stream;
        private final TagSet tags;
        private final Map<String, Integer> tagIndex;

        private Tables(StoreReader r, TagSet tags) {
            attributes = one(r.rows("SELECT * EXCLUDE (batch_id) FROM users"), "user_id");
            features = one(r.rows("""
                    SELECT user_id, count(*) AS events,
                           count(*) FILTER (WHERE type = 'purchase') AS purchases,
                           coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0) AS revenue,
                           count(*) FILTER (WHERE type = 'session') AS sessions,
                           count(DISTINCT CAST(ts AS DATE)) AS active_days,
                           coalesce(sum(duration_s), 0) AS browse_seconds,
                           min(ts) AS first_event, max(ts) AS last_event,
                           date_diff('day', CAST(max(ts) AS DATE), (SELECT CAST(max(ts) AS DATE) FROM events)) AS recency_days
                    FROM events GROUP BY user_id"""), "user_id");
            segment = r.exists("segment_members") ? one(r.rows("SELECT * FROM segment_members"), "user_id") : Map.of();
            clv = r.exists("clv_customers") ? many(r.rows("""
                    SELECT * FROM clv_customers
                    QUALIFY row_number() OVER (PARTITION BY user_id, model ORDER BY cutoff DESC) = 1
                    ORDER BY user_id, model"""), "user_id") : Map.of();
            predictions = r.exists("predictions") ? many(r.rows("""
                    SELECT * FROM predictions
                    QUALIFY row_number() OVER (PARTITION BY user_id, model ORDER BY scored_at DESC) = 1
                    ORDER BY user_id, model"""), "user_id") : Map.of();
            thresholds = r.exists("thresholds") ? one(r.rows("SELECT * FROM thresholds"), "user_id") : Map.of();
            actions = r.exists("outbox") ? many(StoreViews.parsed(r.rows("""
                    SELECT * FROM outbox
                    QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, action_id) <= ?
                    ORDER BY user_id, created_at DESC, action_id""", RECENT_ACTIONS), "payload"), "user_id") : Map.of();
            stream = r.exists("stream_profiles") ? one(r.rows("SELECT * FROM stream_profiles"), "user_id") : Map.of();
            this.tags = tags;
            this.tagIndex = new HashMap<>();
            if (tags != null) {
                String[] ids = tags.userIds();
                for (int i = 0; i < ids.length; i++) {
                    tagIndex.put(ids[i], i);
                }
            }
        }

        ProfileIndex profiles() {
            Set<String> ids = new HashSet<>(attributes.keySet());
            ids.addAll(features.keySet());
            ids.addAll(tagIndex.keySet());
            Map<String, byte[]> out = new HashMap<>(ids.size() * 2);
            for (String id : ids) {
                out.put(id, PulseJson.text(profile(id)).getBytes(StandardCharsets.UTF_8));
            }
            return new ProfileIndex(out);
        }

        private Map<String, Object> profile(String userId) {
            Integer tagAt = tagIndex.get(userId);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user_id", userId);
            m.put("attributes", attributes.get(userId));
            m.put("features", features.get(userId));
            m.put("segment", segment.get(userId));
            m.put("tags", tagAt == null ? List.of() : tagsOf(tagAt));
            m.put("tag_version", tags == null ? null : tags.version());
            m.put("p_active", predictions.getOrDefault(userId, List.of()));
            m.put("clv", clv.getOrDefault(userId, List.of()));
            m.put("thresholds", thresholds.get(userId));
            m.put("recent_actions", actions.getOrDefault(userId, List.of()));
            m.put("stream_profile", stream.get(userId));
            return m;
        }

        private List<String> tagsOf(int index) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, RoaringBitmap> t : tags.tags().entrySet()) {
                if (t.getValue().contains(index)) {
                    out.add(t.getKey());
                }
            }
            return out;
        }

        private static Map<String, Map<String, Object>> one(List<Map<String, Object>> rows, String key) {
            Map<String, Map<String, Object>> out = new HashMap<>(rows.size() * 2);
            for (Map<String, Object> row : rows) {
                out.put((String) row.remove(key), row);
            }
            return out;
        }

        private static Map<String, List<Map<String, Object>>> many(List<Map<String, Object>> rows, String key) {
            Map<String, List<Map<String, Object>>> out = new HashMap<>();
            for (Map<String, Object> row : rows) {
                out.computeIfAbsent((String) row.remove(key), k -> new ArrayList<>(2)).add(row);
            }
            return out;
        }
    }
}
