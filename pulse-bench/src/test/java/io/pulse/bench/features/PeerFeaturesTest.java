package io.pulse.bench.features;

import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's peer is only a peer if it computes what Pulse computes, and the comparison only
 * proves it if it notices a difference: a small generated store (400 users, 120 days) shows both.
 */
class PeerFeaturesTest {

    @TempDir
    static java.nio.file.Path dir;
    private static PulseStore store;
    private static LocalDate cutoff;

    @BeforeAll
    static void generateAndIngest() throws IOException {
        StoreGenerator.generate(GeneratorConfig.defaults().withUsers(400).withDays(120), dir, Progress.NONE);
        store = PulseStore.open(dir.resolve("store.duckdb"));
        Ingestor.ingestEvents(store, IngestRequest.of(dir.resolve("events.csv"), Ingestor.eventMapping("canonical")));
        Ingestor.ingestUsers(store, IngestRequest.of(dir.resolve("users.csv"), Ingestor.userMapping("canonical")));
        // Twenty days before the end: later events and signups must be left out by both sides.
        cutoff = FeatureTable.lastEventDay(store).minusDays(20);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void handWrittenSqlGivesEveryValueOfPulsesFeatureTable() throws SQLException {
        FeatureTable.build(store, cutoff);
        PeerFeatures.build(store.connection(), cutoff);

        TableDiff.Result diff = TableDiff.compare(store.connection(), FeatureTable.TABLE, PeerFeatures.TABLE);

        assertThat(diff.problems()).isEmpty();
        assertThat(diff.columns()).isEqualTo(27);
        assertThat(diff.rows()).isGreaterThan(300);
        assertThat(store.scalarLong("SELECT count(*) FROM " + PeerFeatures.TABLE + " WHERE aov IS NOT NULL"
                + " AND activity_trend IS NOT NULL AND category_breadth > 1 AND frequency > 0")).isPositive();
    }

    @Test
    void theComparisonNamesAUserWhoseValueDiffers() throws SQLException {
        FeatureTable.build(store, cutoff);
        PeerFeatures.build(store.connection(), cutoff);
        String user;
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT min(user_id) FROM " + PeerFeatures.TABLE + " WHERE browse_minutes_total > 0")) {
            rs.next();
            user = rs.getString(1);
        }
        try (Statement s = store.connection().createStatement()) {
            s.execute("UPDATE " + PeerFeatures.TABLE + " SET browse_minutes_total = browse_minutes_total * (1 + 1e-6)"
                    + " WHERE user_id = '" + user + "'");
            s.execute("DELETE FROM " + PeerFeatures.TABLE + " WHERE user_id = (SELECT max(user_id) FROM "
                    + PeerFeatures.TABLE + ")");
        }

        TableDiff.Result diff = TableDiff.compare(store.connection(), FeatureTable.TABLE, PeerFeatures.TABLE);

        assertThat(diff.equal()).isFalse();
        assertThat(diff.problems().get(0)).startsWith("2 users differ");
        assertThat(diff.problems()).anyMatch(p -> p.startsWith(user + ": browse_minutes_total"));
        assertThat(diff.problems()).anyMatch(p -> p.endsWith("only in " + FeatureTable.TABLE));
    }

    @Test
    void moreCategoriesThanBitsInAMaskStillCountEveryOne(@TempDir java.nio.file.Path own) throws SQLException {
        // 70 categories: FeatureTable counts them with DISTINCT rather than a 64-bit mask.
        try (PulseStore many = PulseStore.open(own.resolve("many.duckdb"));
             Statement s = many.connection().createStatement()) {
            s.execute("INSERT INTO events (event_id, user_id, ts, type, amount, category, batch_id)"
                    + " SELECT 'e' || i, 'u' || (i % 3), TIMESTAMP '2025-03-01 10:00:00' + INTERVAL (i) HOUR,"
                    + " CASE WHEN i % 5 = 0 THEN 'purchase' ELSE 'view' END, CASE WHEN i % 5 = 0 THEN 10.5 END,"
                    + " 'c' || (i % 70), 1 FROM range(400) t(i)");
            FeatureTable.build(many, LocalDate.parse("2025-03-31"));
            PeerFeatures.build(many.connection(), LocalDate.parse("2025-03-31"));

            assertThat(TableDiff.compare(many.connection(), FeatureTable.TABLE, PeerFeatures.TABLE).problems()).isEmpty();
            assertThat(many.scalarLong("SELECT max(category_breadth) FROM " + FeatureTable.TABLE)).isGreaterThan(64);
        }
    }
}
