package io.pulse.store.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.UtcTime;
import io.pulse.store.actions.UserFactsReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code pulse stream} reads from and writes to a store: the segments its rules match on, the
 * table {@code stream_profiles} (the online profiles as of the stream's watermark, replaced at each write),
 * and each run's accounting and alerts ({@code stream_runs}, {@code stream_alerts}, appended).
 * Its actions go to the same {@code outbox} as {@code pulse actions} ({@link io.pulse.store.actions.Outbox}).
 *
 * <p>Every run's alerts are kept under its {@code run_id} rather than replaced: a run is a few hundred alerts at
 * most (a lasting change is reported once per key), and keeping them lets a run's row and its alerts always agree
 * and two runs be compared; readers take the newest run.
 */
public final class StreamTables {

    private static final String PROFILES = """
            CREATE OR REPLACE TABLE stream_profiles AS
            SELECT * FROM read_json(?, format = 'newline_delimited', columns = {
                id: 'VARCHAR', events: 'INTEGER', sessions: 'INTEGER', purchases: 'INTEGER', carts: 'INTEGER',
                revenue: 'DOUBLE', refunds: 'DOUBLE', active_days: 'INTEGER', first_seen: 'TIMESTAMP',
                last_seen: 'TIMESTAMP', activity_score: 'DOUBLE', threshold_days: 'DOUBLE', silent_days: 'INTEGER'})""";

    private static final String RUNS_DDL = """
            CREATE TABLE IF NOT EXISTS stream_runs (
                run_id           INTEGER PRIMARY KEY,
                finished_at      TIMESTAMP NOT NULL,
                source           VARCHAR NOT NULL,
                events_in        BIGINT NOT NULL,
                late             BIGINT NOT NULL,
                duplicates       BIGINT NOT NULL,
                filtered         VARCHAR NOT NULL,
                accepted         BIGINT NOT NULL,
                windows_closed   BIGINT NOT NULL,
                alerts           BIGINT NOT NULL,
                alerts_transient BIGINT NOT NULL,
                alerts_sustained BIGINT NOT NULL,
                watermark        TIMESTAMP
            );
            CREATE TABLE IF NOT EXISTS stream_alerts (
                run_id           INTEGER NOT NULL,
                id               VARCHAR NOT NULL,
                "window"         VARCHAR NOT NULL,
                key              VARCHAR NOT NULL,
                start            TIMESTAMP NOT NULL,
                "end"            TIMESTAMP NOT NULL,
                kind             VARCHAR NOT NULL,
                label            VARCHAR NOT NULL,
                windows          INTEGER NOT NULL,
                events           BIGINT NOT NULL,
                baseline         DOUBLE,
                top_source       VARCHAR,
                top_source_share DOUBLE,
                distinct_users   BIGINT NOT NULL,
                related_lift     DOUBLE,
                decision         VARCHAR,
                reason           VARCHAR
            )""";
    private static final String ALERT_COLUMNS = "id, \"window\", key, start, \"end\", kind, label, windows, events,"
            + " baseline, top_source, top_source_share, distinct_users, related_lift, decision, reason";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamTables() {
    }

    /**
     * A run's final accounting, as the engine counted it.
     *
     * @param source    where the events came from: the replayed file, {@code http://host:port}, {@code kafka:…}
     * @param filtered  events the noise filter removed, by reason (lower case, as {@code pulse stream --json})
     * @param alerts    alerts the engine emitted
     * @param watermark the engine's watermark at the end; null when no event came
     */
    public record StreamRun(Instant finishedAt, String source, long eventsIn, long late, long duplicates,
            Map<String, Long> filtered, long accepted, long windowsClosed, long alerts, Instant watermark) {

        public StreamRun {
            filtered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filtered));
        }
    }

    /**
     * One alert with the fields of the stream's alert line ({@code AlertJson.line}); kind and label in upper case
     * as there, NaN figures as null.
     */
    public record StoredAlert(String id, String window, String key, Instant start, Instant end, String kind,
            String label, int windows, long events, double baseline, String topSource, double topSourceShare,
            long distinctUsers, double relatedLift, String decision, String reason) {
    }

    /**
     * Appends a run and its alerts as the next {@code run_id}, in one transaction: a crash leaves the whole run
     * or nothing.
     *
     * @return the run's id
     */
    public static int storeRun(PulseStore store, StreamRun run, List<StoredAlert> alerts) {
        return store.inTransaction("stream_runs and stream_alerts", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(RUNS_DDL);
            }
            int id = (int) store.scalarLong("SELECT coalesce(max(run_id), 0) + 1 FROM stream_runs");
            long sustained = alerts.stream().filter(a -> a.label().equals("SUSTAINED")).count();
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO stream_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setInt(1, id);
                p.setObject(2, UtcTime.of(run.finishedAt()));
                p.setString(3, run.source());
                p.setLong(4, run.eventsIn());
                p.setLong(5, run.late());
                p.setLong(6, run.duplicates());
                p.setString(7, JSON.writeValueAsString(run.filtered()));
                p.setLong(8, run.accepted());
                p.setLong(9, run.windowsClosed());
                p.setLong(10, run.alerts());
                p.setLong(11, alerts.size() - sustained);
                p.setLong(12, sustained);
                if (run.watermark() == null) {
                    p.setNull(13, Types.TIMESTAMP);
                } else {
                    p.setObject(13, UtcTime.of(run.watermark()));
                }
                p.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new StoreException("cannot encode the filtered counts: " + e.getMessage(), e);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO stream_alerts (run_id, " + ALERT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredAlert a : alerts) {
                    p.setInt(1, id);
                    p.setString(2, a.id());
                    p.setString(3, a.window());
                    p.setString(4, a.key());
                    p.setObject(5, UtcTime.of(a.start()));
                    p.setObject(6, UtcTime.of(a.end()));
                    p.setString(7, a.kind());
                    p.setString(8, a.label());
                    p.setInt(9, a.windows());
                    p.setLong(10, a.events());
                    setFinite(p, 11, a.baseline());
                    p.setString(12, a.topSource());
                    setFinite(p, 13, a.topSourceShare());
                    p.setLong(14, a.distinctUsers());
                    setFinite(p, 15, a.relatedLift());
                    p.setString(16, a.decision());
                    p.setString(17, a.reason());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return id;
        });
    }

    /** A stored run with its id and the alert counts by label. */
    public record StoredRun(int runId, StreamRun run, long alertsTransient, long alertsSustained) {
    }

    /** The newest stored run, or empty when no run was stored. */
    public static Optional<StoredRun> latestRun(PulseStore store) {
        Connection c = store.connection();
        if (!UserFactsReader.tableExists(c, "stream_runs")) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT run_id, finished_at, source,"
                + " events_in, late, duplicates, filtered, accepted, windows_closed, alerts, alerts_transient,"
                + " alerts_sustained, watermark FROM stream_runs ORDER BY run_id DESC LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            StreamRun run = new StreamRun(UtcTime.read(rs, 2), rs.getString(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6), JSON.readValue(rs.getString(7),
                    new TypeReference<LinkedHashMap<String, Long>>() { }), rs.getLong(8), rs.getLong(9),
                    rs.getLong(10), UtcTime.read(rs, 13));
            return Optional.of(new StoredRun(rs.getInt(1), run, rs.getLong(11), rs.getLong(12)));
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read stream_runs: " + e.getMessage(), e);
        }
    }

    /** The alerts of one run, in id order. */
    public static List<StoredAlert> alerts(PulseStore store, int runId) {
        List<StoredAlert> out = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement("SELECT " + ALERT_COLUMNS
                + " FROM stream_alerts WHERE run_id = ? ORDER BY id")) {
            p.setInt(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredAlert(rs.getString(1), rs.getString(2), rs.getString(3),
                            UtcTime.read(rs, 4), UtcTime.read(rs, 5), rs.getString(6),
                            rs.getString(7), rs.getInt(8), rs.getLong(9), nullable(rs, 10), rs.getString(11),
                            nullable(rs, 12), rs.getLong(13), nullable(rs, 14), rs.getString(15), rs.getString(16)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read stream_alerts: " + e.getMessage(), e);
        }
        return out;
    }

    private static void setFinite(PreparedStatement p, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            p.setDouble(index, value);
        } else {
            p.setNull(index, Types.DOUBLE);
        }
    }

    private static double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    /**
     * Each user's segment ids as the rules name them ({@code s3}, {@code v2}, {@code rfm_at_risk}); empty
     * when {@code pulse segments} has not run.
     */
    public static Map<String, String[]> segments(PulseStore store) {
        Map<String, String[]> out = new HashMap<>();
        Connection c = store.connection();
        if (!UserFactsReader.tableExists(c, "segment_members")) {
            return out;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_id, cluster, value_group, 'rfm_' || rfm_cell FROM segment_members")) {
            while (rs.next()) {
                List<String> ids = new ArrayList<>(3);
                for (int i = 2; i <= 4; i++) {
                    if (rs.getString(i) != null) {
                        ids.add(rs.getString(i));
                    }
                }
                out.put(rs.getString(1), ids.toArray(String[]::new));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the segments: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Replaces {@code stream_profiles} with the profiles of a JSON-lines file (one object per line, as
     * {@code ProfileJson} writes them; {@code id} becomes {@code user_id}), in one statement.
     *
     * @return the profiles stored
     */
    public static long replaceProfiles(PulseStore store, Path jsonl) {
        Connection c = store.connection();
        try (PreparedStatement p = c.prepareStatement(PROFILES)) {
            p.setString(1, jsonl.toAbsolutePath().toString());
            p.execute();
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE stream_profiles RENAME COLUMN id TO user_id");
            }
            return store.scalarLong("SELECT count(*) FROM stream_profiles");
        } catch (SQLException e) {
            throw new StoreException("cannot write stream_profiles: " + e.getMessage(), e);
        }
    }
}
