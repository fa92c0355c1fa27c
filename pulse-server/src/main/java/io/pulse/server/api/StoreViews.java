package io.pulse.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.server.ApiError;
import io.pulse.server.Payload;
import io.pulse.server.PulseJson;
import io.pulse.store.PulseStore;
import io.pulse.store.activity.StoreActivity;
import io.pulse.store.activity.StoreActivity.ActivityAnalysis;
import io.pulse.store.tags.TagSet;
import io.pulse.store.tags.TagStore;
import io.pulse.store.views.StoreReader;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the API reads: stored tables through a {@link StoreReader}, and the analyses that are not stored (activity,
 * the profile index, the tag bitmaps) computed once and kept until the store's last ingest batch changes. While
 * {@code pulse serve} holds the store no other process can write it (DuckDB locks the file), so the batch is the
 * only thing that can move under the cache, and only through this process.
 */
public final class StoreViews implements AutoCloseable {

    /** The analyses a dashboard can show, by the table each writes, and the verb that writes it. */
    static final Map<String, String> ANALYSES = orderedMap(
            "segments", "segments", "clv", "clv_customers", "validation", "validation_results",
            "predictions", "predictions", "thresholds", "thresholds", "actions", "outbox",
            "backtest", "backtest_uplift", "tags", "tag_versions", "tag_audit", "tag_audits",
            "recommendations", "recommendations", "stream", "stream_profiles", "stream_run", "stream_runs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PulseStore store;
    private final StoreReader reader;
    private final ActivityOptions activityOptions;
    private final ZoneId zone;
    static final long BATCH_CHECK_NANOS = 1_000_000_000L;
    private volatile long batch;
    private volatile long batchCheckedAt;
    private final Cached<Payload[]> activity = new Cached<>();
    private final Cached<ProfileIndex> profiles = new Cached<>();
    private final Cached<Optional<TagSet>> tags = new Cached<>();

    public StoreViews(PulseStore store, ActivityOptions activityOptions, ZoneId zone) {
        this.store = store;
        this.reader = new StoreReader(store);
        this.activityOptions = activityOptions;
        this.zone = zone;
    }

    /** Computes the cached analyses now, so the first request does not wait for them. */
    public StoreViews warm() {
        if (hasEvents()) {
            activityJson();
            profiles();
        }
        tags();
        return this;
    }

    StoreReader reader() {
        return reader;
    }

    /**
     * The store's newest ingest batch: the key of every cache. Looked up at most once a second:
     * even the smallest DuckDB query costs a millisecond or more of CPU, which at hundreds of requests a second
     * would be most of the server's work.
     */
    long batch() {
        long now = System.nanoTime();
        if (now - batchCheckedAt > BATCH_CHECK_NANOS || batchCheckedAt == 0) {
            Object b = reader.scalar("SELECT coalesce(max(batch_id), 0) FROM ingest_batches");
            batch = ((Number) b).longValue();
            batchCheckedAt = now;
        }
        return batch;
    }

    boolean hasEvents() {
        return reader.scalar("SELECT 1 FROM events LIMIT 1") != null;
    }

    /** {@code [overview, full analysis]} as UTF-8 JSON, encoded (and gzipped) once rather than per request. */
    Payload[] activityJson() {
        return activity.get(batch(), () -> {
            if (!hasEvents()) {
                throw new ApiError(404, "not_computed", "the store has no events: run 'pulse ingest FILE' first");
            }
            ActivityAnalysis a;
            synchronized (store) {
                a = StoreActivity.analyze(store, activityOptions, zone);
            }
            return new Payload[] {Payload.of(utf8(ActivityJson.overview(a, analyses()))),
                    Payload.of(utf8(ActivityJson.of(a)))};
        });
    }

    ProfileIndex profiles() {
        return profiles.get(batch(), () -> ProfileIndex.load(reader, tags().orElse(null)));
    }

    Optional<TagSet> tags() {
        return tags.get(batch(), () -> {
            synchronized (store) {
                return TagStore.latest(store);
            }
        });
    }

    /** Which analyses have run: name → whether its table exists. */
    Map<String, Boolean> analyses() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        ANALYSES.forEach((name, table) -> m.put(name, reader.exists(table)));
        return m;
    }

    /** 404 {@code not_computed} unless {@code table} exists, naming the verb that writes it. */
    void require(String table, String verb) {
        if (!reader.exists(table)) {
            throw notComputed(verb);
        }
    }

    static ApiError notComputed(String verb) {
        return new ApiError(404, "not_computed", "run 'pulse " + verb + "' first");
    }

    /** Runs {@code write} on the store's own connection, one writer at a time. */
    <T> T write(Supplier<T> write) {
        synchronized (store) {
            return write.get();
        }
    }

    PulseStore store() {
        return store;
    }

    /** Rows with the named text columns, which hold JSON, parsed into JSON values. */
    static List<Map<String, Object>> parsed(List<Map<String, Object>> rows, String... jsonColumns) {
        for (Map<String, Object> row : rows) {
            for (String c : jsonColumns) {
                if (row.get(c) instanceof String s) {
                    try {
                        row.put(c, JSON.readValue(s, Object.class));
                    } catch (JsonProcessingException e) {
                        // not JSON after all: the text stays as it is
                    }
                }
            }
        }
        return rows;
    }

    private static byte[] utf8(Object json) {
        return PulseJson.text(json).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        reader.close();
    }

    /** One value, kept while its key (the batch) stays the same; computed by one thread at a time. */
    private static final class Cached<T> {
        private long key = Long.MIN_VALUE;
        private T value;

        synchronized T get(long now, Supplier<T> compute) {
            if (value == null || key != now) {
                value = compute.get();
                key = now;
            }
            return value;
        }
    }
}
