package io.pulse.store.prediction;

import io.pulse.store.GeneratedStore;

import io.pulse.core.progress.Progress;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import io.pulse.store.ingest.Mapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Labelled user-cutoff rows on a generated store (1,500 users, 200 days): cutoffs, labels recounted
 * from events, and the leakage guard: deleting every event at or after a cutoff's end changes none of
 * that cutoff's features.
 */
class LabelledDataTest {

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static LabelledData.Summary summary;
    private static final LabelledData.Options OPTIONS = new LabelledData.Options(30, ActivityLabel.ANY_EVENT, 14, 60, 26);

    @BeforeAll
    static void generateAndLabel() throws IOException {
        store = GeneratedStore.open(dir, 1500, 200, 5L);
        summary = LabelledData.build(store, OPTIONS, Progress.NONE);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void cutoffsRunBackEveryTwoWeeksFromTheLastCompleteLabelWindow() {
        LocalDate last = FeatureTable.lastEventDay(store);
        LocalDate first = FeatureTable.firstEventDay(store);
        List<LocalDate> cutoffs = summary.cutoffs();
        assertThat(cutoffs.get(cutoffs.size() - 1)).isEqualTo(last.minusDays(30));
        for (int i = 1; i < cutoffs.size(); i++) {
            assertThat(cutoffs.get(i - 1).plusDays(14)).isEqualTo(cutoffs.get(i));
        }
        assertThat(cutoffs.get(0)).isAfterOrEqualTo(first.plusDays(60));
        assertThat(cutoffs.get(0).minusDays(14)).isBefore(first.plusDays(60));
    }

    @Test
    void theLabelIsAnEventInTheThirtyDaysAfterTheCutoffAsCountedFromEvents() {
        for (LocalDate c : summary.cutoffs()) {
            long counted = store.scalarLong("SELECT count(DISTINCT e.user_id) FROM events e JOIN labelled_rows l"
                    + " ON l.user_id = e.user_id AND l.cutoff = DATE '" + c + "' WHERE e.ts >= TIMESTAMP '" + c.plusDays(1)
                    + " 00:00:00' AND e.ts < TIMESTAMP '" + c.plusDays(31) + " 00:00:00'");
            assertThat(store.scalarLong("SELECT count(*) FROM labelled_rows WHERE active AND cutoff = DATE '" + c + "'"))
                    .as("active at %s", c).isEqualTo(counted);
        }
    }

    @Test
    void nothingAtOrAfterACutoffsEndEntersItsFeatures() throws IOException, SQLException {
        LocalDate c = summary.cutoffs().get(summary.cutoffs().size() / 2);
        List<String> before = rows(store, c);
        try (PulseStore copy = PulseStore.open(dir.resolve("truncated.duckdb"))) {
            Ingestor.ingestEvents(copy, IngestRequest.of(dir.resolve("data/events.csv"), Mapping.canonical()));
            Ingestor.ingestUsers(copy, IngestRequest.of(dir.resolve("data/users.csv"), Mapping.canonical()));
            try (Statement s = copy.connection().createStatement()) {
                s.execute("DELETE FROM events WHERE ts >= TIMESTAMP '" + c.plusDays(1) + " 00:00:00'");
            }
            LabelledData.Options one = new LabelledData.Options(30, ActivityLabel.ANY_EVENT, 14, 0, 2);
            // the truncated store ends at c, so its latest complete label window is 30 days earlier: build c directly
            FeatureTable.build(copy, c);
            try (Statement s = copy.connection().createStatement()) {
                s.execute("CREATE TABLE labelled_rows AS " + LabelledData.rowsSql(c, one, true));
            }
            List<String> after = rows(copy, c);
            assertThat(after).hasSameSizeAs(before).isNotEmpty();
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("features of row %d", i).isEqualTo(before.get(i).replaceAll("\\|(true|false)$",
                        "|false"));
            }
        }
    }

    @Test
    void theMatrixHoldsEveryRowWithIndicatorColumnsForAttributes() {
        LabelledData.Rows rows = LabelledData.read(store, null);
        assertThat(rows.size()).isEqualTo(summary.rows());
        assertThat(rows.features().names()).startsWith(LabelledData.NUMERIC.toArray(String[]::new));
        assertThat(List.of(rows.features().names())).anyMatch(n -> n.startsWith("region="));
        int region = 0;
        for (int r = 0; r < rows.size(); r++) {
            double sum = 0;
            for (int c = 0; c < rows.features().columns(); c++) {
                if (rows.features().names()[c].startsWith("region=")) {
                    sum += rows.features().get(r, c);
                }
            }
            region += sum == 1 ? 1 : 0;
            assertThat(sum).isLessThanOrEqualTo(1);
        }
        assertThat(region).isEqualTo(store.scalarLong("SELECT count(*) FROM labelled_rows WHERE region IS NOT NULL"));
        assertThat(rows.cutoffs()).containsExactlyElementsOf(summary.cutoffs());
    }

    /** Every row at cutoff c as text: user, the numeric features, and the label. */
    private static List<String> rows(PulseStore s, LocalDate c) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT user_id");
        for (String n : LabelledData.NUMERIC) {
            sql.append(", ").append(n);
        }
        sql.append(", active FROM labelled_rows WHERE cutoff = DATE '").append(c).append("' ORDER BY user_id");
        List<String> out = new ArrayList<>();
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
