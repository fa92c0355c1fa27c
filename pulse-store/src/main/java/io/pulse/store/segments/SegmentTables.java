package io.pulse.store.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.segments.HiddenValue;
import io.pulse.core.segments.KChoice;
import io.pulse.core.segments.SegmentProfile;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a segmentation lands: the members CSV of each opportunity, then the tables {@code segments},
 * {@code segment_members}, {@code opportunities} and {@code segmentation_runs}, re-created as a whole
 * in one transaction (they hold one segmentation, the latest, and are derived from the events, so a
 * newer Pulse may change their columns freely). The CSVs are written first, so a table never names a
 * file that is not there.
 */
public final class SegmentTables {

    public static final String DDL = """
            CREATE OR REPLACE TABLE segments (
                segment_id    VARCHAR NOT NULL,
                kind          VARCHAR NOT NULL,
                name          VARCHAR NOT NULL,
                size          BIGINT NOT NULL,
                user_share    DOUBLE NOT NULL,
                revenue_share DOUBLE,
                clv_total     DOUBLE NOT NULL,
                profile       VARCHAR NOT NULL,
                cutoff        DATE NOT NULL
            );
            CREATE OR REPLACE TABLE segment_members (
                user_id     VARCHAR NOT NULL,
                cluster     VARCHAR NOT NULL,
                value_group VARCHAR,
                rfm_cell    VARCHAR NOT NULL,
                r           INTEGER,
                f           INTEGER,
                m           INTEGER,
                cutoff      DATE NOT NULL
            );
            CREATE OR REPLACE TABLE opportunities (
                rank             INTEGER NOT NULL,
                segment_id       VARCHAR NOT NULL,
                name             VARCHAR NOT NULL,
                size             BIGINT NOT NULL,
                revenue_at_stake DOUBLE NOT NULL,
                strength         DOUBLE NOT NULL,
                signals          VARCHAR NOT NULL,
                action           VARCHAR NOT NULL,
                evidence         VARCHAR NOT NULL,
                members_file     VARCHAR NOT NULL,
                also_found_as    VARCHAR NOT NULL,
                cutoff           DATE NOT NULL
            );
            CREATE OR REPLACE TABLE segmentation_runs (
                cutoff         DATE NOT NULL,
                users          BIGINT NOT NULL,
                k              INTEGER NOT NULL,
                silhouettes    VARCHAR NOT NULL,
                value_k        INTEGER,
                value_searched BIGINT NOT NULL,
                seed           BIGINT NOT NULL,
                sample         INTEGER NOT NULL,
                created_at     TIMESTAMP NOT NULL
            );
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RFM segment ids are the cell with this prefix; segment_members.rfm_cell holds the bare cell. */
    static final String RFM_PREFIX = "rfm_";

    private SegmentTables() {
    }

    /** Replaces the {@code opportunity-*.csv} files in {@code dir} by one per opportunity, ranked. */
    static List<SegmentRun.RankedOpportunity> writeMembers(Path dir, List<SegmentRun.Found> ranked, String[] userIds) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "opportunity-*.csv")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            List<SegmentRun.RankedOpportunity> out = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                SegmentRun.Found found = ranked.get(i);
                HiddenValue.Opportunity o = found.opportunity();
                Path file = dir.resolve("opportunity-" + (i + 1) + "-" + o.segmentId() + ".csv");
                try (BufferedWriter w = Files.newBufferedWriter(file)) {
                    w.write("user_id\n");
                    for (int u = found.members().nextSetBit(0); u >= 0; u = found.members().nextSetBit(u + 1)) {
                        w.write(userIds[u]);
                        w.write('\n');
                    }
                }
                out.add(new SegmentRun.RankedOpportunity(i + 1, o, file, List.copyOf(found.alsoFoundAs())));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the opportunity members to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void write(PulseStore store, SegmentRun.Result r, SegmentRun.Membership members) {
        Connection c = store.connection();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(DDL);
                }
                insertSegments(c, r);
                insertMembers(c, members, r.options().cutoff());
                insertOpportunities(c, r);
                insertRun(c, r);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the segmentation: " + e.getMessage(), e);
        }
    }

    private static void insertSegments(Connection c, SegmentRun.Result r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SegmentRun.Segment s : r.all()) {
                SegmentProfile profile = s.profile();
                p.setString(1, s.id());
                p.setString(2, s.kind());
                p.setString(3, s.name());
                p.setLong(4, profile.size());
                p.setDouble(5, profile.userShare());
                p.setObject(6, finite(profile.revenueShare()));
                p.setDouble(7, s.clvTotal());
                p.setString(8, json(profileJson(profile)));
                p.setObject(9, r.options().cutoff());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void insertMembers(Connection c, SegmentRun.Membership m, LocalDate cutoff) throws SQLException {
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "segment_members")) {
            for (int u = 0; u < m.userIds().length; u++) {
                int[] scores = m.rfmScores()[u];
                a.beginRow().append(m.userIds()[u]).append(m.cluster()[u]).append(m.value()[u])
                        .append(m.rfm()[u].substring(RFM_PREFIX.length()))
                        .append(scores == null ? null : Integer.valueOf(scores[0]))
                        .append(scores == null ? null : Integer.valueOf(scores[1]))
                        .append(scores == null ? null : Integer.valueOf(scores[2]))
                        .append(cutoff).endRow();
            }
        }
    }

    private static void insertOpportunities(Connection c, SegmentRun.Result r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO opportunities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SegmentRun.RankedOpportunity ro : r.opportunities()) {
                HiddenValue.Opportunity o = ro.opportunity();
                p.setInt(1, ro.rank());
                p.setString(2, o.segmentId());
                p.setString(3, o.name());
                p.setLong(4, o.size());
                p.setDouble(5, o.revenueAtStake());
                p.setDouble(6, o.strength());
                p.setString(7, String.join(",", o.signals()));
                p.setString(8, o.action().id());
                p.setString(9, o.evidence());
                p.setString(10, ro.membersFile().toAbsolutePath().toString());
                p.setString(11, String.join(",", ro.alsoFoundAs()));
                p.setObject(12, r.options().cutoff());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void insertRun(Connection c, SegmentRun.Result r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO segmentation_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setObject(1, r.options().cutoff());
            p.setLong(2, r.users());
            p.setInt(3, r.overview().k());
            p.setString(4, json(silhouettes(r.overview())));
            p.setObject(5, r.valueSearch() == null ? null : r.valueSearch().k());
            p.setLong(6, r.valueSearched());
            p.setLong(7, r.options().seed());
            p.setInt(8, r.options().sample());
            p.setObject(9, Timestamp.from(r.createdAt()));
            p.executeUpdate();
        }
    }

    /** The silhouette of every k tried, keyed by k. */
    public static Map<String, Double> silhouettes(KChoice choice) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < choice.ks().length; i++) {
            out.put(Integer.toString(choice.ks()[i]), choice.silhouettes()[i]);
        }
        return out;
    }

    /** A profile as nested maps: size, features by name (mean, population mean, lift), over-represented attributes. */
    public static Map<String, Object> profileJson(SegmentProfile p) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (SegmentProfile.FeatureLift f : p.features()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("mean", finite(f.segmentMean()));
            one.put("population_mean", finite(f.populationMean()));
            one.put("lift", finite(f.lift()));
            features.put(f.feature(), one);
        }
        List<Map<String, Object>> attributes = new ArrayList<>();
        for (SegmentProfile.AttributeLift a : p.overRepresented()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("attribute", a.attribute());
            one.put("value", a.value());
            one.put("share", a.segmentShare());
            one.put("population_share", a.populationShare());
            one.put("lift", a.lift());
            attributes.add(one);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", p.size());
        out.put("features", features);
        out.put("over_represented", attributes);
        return out;
    }

    /** JSON has no NaN: a missing figure is null. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
