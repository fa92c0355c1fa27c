package io.pulse.store.stream;

import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.actions.UserFactsReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code pulse stream} reads from and writes to a store: the segments its rules match on, and the
 * table {@code stream_profiles} (the online profiles as of the stream's watermark, replaced at each write).
 * Its actions go to the same {@code outbox} as {@code pulse actions} ({@link io.pulse.store.actions.Outbox}).
 */
public final class StreamTables {

    private static final String PROFILES = """
            CREATE OR REPLACE TABLE stream_profiles AS
            SELECT * FROM read_json(?, format = 'newline_delimited', columns = {
                id: 'VARCHAR', events: 'INTEGER', sessions: 'INTEGER', purchases: 'INTEGER', carts: 'INTEGER',
                revenue: 'DOUBLE', refunds: 'DOUBLE', active_days: 'INTEGER', first_seen: 'TIMESTAMP',
                last_seen: 'TIMESTAMP', activity_score: 'DOUBLE', threshold_days: 'DOUBLE', silent_days: 'INTEGER'})""";

    private StreamTables() {
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
