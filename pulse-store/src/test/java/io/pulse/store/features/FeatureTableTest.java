package io.pulse.store.features;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable.FeatureSummary;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import io.pulse.store.ingest.Mapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A hand-written store of five users, with every feature at the cutoff 2025-06-30 worked out by hand.
 *
 * <p>Windows at that cutoff: the last 30 days are 06-01..06-30; the 90 before are 03-03..05-31.
 * <pre>
 * u1  signup 01-10; events 03-10 view A, purchase 50 A; 04-15 session 600 s; 06-10 session 300 s,
 *     view B, purchase 30 B; 06-20 refund 10 B, purchase 20 B; 06-30 23:59:59 view C;
 *     07-01 00:00:00 purchase 999 (after the cutoff: ignored)
 *     first_seen 01-10, last_seen 06-30, tenure 21+28+31+30+31+30 = 171, recency 06-30 - 06-20 = 10,
 *     since last visit 0, purchases 3, frequency 3 purchase days - 1 = 2, monetary 50+30+20-10 = 90,
 *     aov 100/3 = 33.3333, purchases/30d 3*30/171, sessions 2, sessions/30d 2*30/171,
 *     browse 900 s = 15 min, 7.5 min a session, views 3, browse_to_buy 3/3 = 1, categories A,B,C = 3,
 *     events_30d 6 (06-10 x3, 06-20 x2, 06-30), events_prev_90d 3 (03-10 x2, 04-15),
 *     trend (6/30)/(3/90) = 6
 * u2  no users row; 06-25 view A, session 120 s
 *     first/last 06-25, tenure 5, recency NULL, since last visit 5, purchases 0, frequency 0,
 *     monetary 0, aov NULL, purchases/30d 0, sessions 1, sessions/30d 1*30/max(5,30) = 1,
 *     browse 2 min, 2 min a session, views 1, browse_to_buy NULL, categories 1, events_30d 2,
 *     prev 0, trend NULL
 * u3  signup 05-01 (25-34, f, EU, ads), no events
 *     first_seen 05-01, last_seen NULL, tenure 30+30 = 60, recency/since last visit NULL, all counts 0,
 *     browse 0, per session NULL, browse_to_buy NULL, trend NULL
 * u4  signup 07-05 (after the cutoff: NULL); 02-01 purchase 40 and purchase 60; 07-02 purchase 70 (ignored)
 *     first/last 02-01, tenure 27+31+30+31+30 = 149, recency 149, since last visit 149, purchases 2,
 *     frequency 1 day - 1 = 0, monetary 100, aov 50, purchases/30d 2*30/149, views 0,
 *     browse_to_buy 0/2 = 0, categories 0, events_30d 0, prev 0 (02-01 is before 03-03), trend NULL
 * u5  signup 07-10, no events: not known at the cutoff, so no row
 * </pre>
 */
class FeatureTableTest {

    static final LocalDate CUTOFF = LocalDate.parse("2025-06-30");

    @TempDir
    Path dir;
    PulseStore store;

    @BeforeEach
    void loadFixture() throws IOException {
        store = PulseStore.open(dir.resolve("pulse.duckdb"));
        ingestEvents("events.csv", """
                event_id,user_id,ts,type,amount,duration_s,category
                1,u1,2025-03-10T10:00:00Z,view,,,A
                2,u1,2025-03-10T10:05:00Z,purchase,50.00,,A
                3,u1,2025-04-15T08:00:00Z,session,,600,
                4,u1,2025-06-10T09:00:00Z,session,,300,
                5,u1,2025-06-10T09:01:00Z,view,,,B
                6,u1,2025-06-10T09:02:00Z,purchase,30.00,,B
                7,u1,2025-06-20T12:00:00Z,refund,10.00,,B
                8,u1,2025-06-20T12:30:00Z,purchase,20.00,,B
                9,u1,2025-06-30T23:59:59Z,view,,,C
                10,u1,2025-07-01T00:00:00Z,purchase,999.00,,C
                11,u2,2025-06-25T18:00:00Z,view,,,A
                12,u2,2025-06-25T18:05:00Z,session,,120,
                13,u4,2025-02-01T07:00:00Z,purchase,40.00,,
                14,u4,2025-02-01T19:00:00Z,purchase,60.00,,
                15,u4,2025-07-02T07:00:00Z,purchase,70.00,,
                """);
        Path users = Files.writeString(dir.resolve("users.csv"), """
                user_id,signup_date,age_band,gender,region,channel
                u1,2025-01-10,35-44,m,NA,organic
                u3,2025-05-01,25-34,f,EU,ads
                u4,2025-07-05,18-24,f,APAC,email
                u5,2025-07-10,45-54,m,EU,ads
                """);
        Ingestor.ingestUsers(store, IngestRequest.of(users, Mapping.canonical()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyFeatureMatchesTheHandComputedValue() {
        FeatureSummary summary = FeatureTable.build(store, CUTOFF);
        assertThat(summary.users()).isEqualTo(4);
        assertThat(summary.cutoff()).isEqualTo(CUTOFF);
        assertThat(summary.columns()).containsExactly("user_id", "cutoff", "first_seen", "last_seen", "tenure_days",
                "recency_days", "days_since_last_visit", "purchases", "frequency", "monetary_total", "aov",
                "purchases_per_30d", "sessions", "sessions_per_30d", "browse_minutes_total",
                "browse_minutes_per_session", "views", "browse_to_buy", "category_breadth", "events_30d",
                "events_prev_90d", "activity_trend", "signup_date", "age_band", "gender", "region", "channel");
        Map<String, Map<String, Object>> rows = rows();
        assertThat(rows.keySet()).containsExactly("u1", "u2", "u3", "u4");

        Map<String, Object> u1 = rows.get("u1");
        assertThat(u1.get("cutoff")).isEqualTo("2025-06-30");
        assertThat(u1.get("first_seen")).isEqualTo("2025-01-10");
        assertThat(u1.get("last_seen")).isEqualTo("2025-06-30");
        assertThat(number(u1, "tenure_days")).isEqualTo(171);
        assertThat(number(u1, "recency_days")).isEqualTo(10);
        assertThat(number(u1, "days_since_last_visit")).isEqualTo(0);
        assertThat(number(u1, "purchases")).isEqualTo(3);
        assertThat(number(u1, "frequency")).isEqualTo(2);
        assertThat((BigDecimal) u1.get("monetary_total")).isEqualByComparingTo("90");
        assertThat((BigDecimal) u1.get("aov")).isEqualByComparingTo("33.3333");
        assertThat(number(u1, "purchases_per_30d")).isCloseTo(3 * 30 / 171.0, within(1e-9));
        assertThat(number(u1, "sessions")).isEqualTo(2);
        assertThat(number(u1, "sessions_per_30d")).isCloseTo(2 * 30 / 171.0, within(1e-9));
        assertThat(number(u1, "browse_minutes_total")).isCloseTo(15.0, within(1e-9));
        assertThat(number(u1, "browse_minutes_per_session")).isCloseTo(7.5, within(1e-9));
        assertThat(number(u1, "views")).isEqualTo(3);
        assertThat(number(u1, "browse_to_buy")).isCloseTo(1.0, within(1e-9));
        assertThat(number(u1, "category_breadth")).isEqualTo(3);
        assertThat(number(u1, "events_30d")).isEqualTo(6);
        assertThat(number(u1, "events_prev_90d")).isEqualTo(3);
        assertThat(number(u1, "activity_trend")).isCloseTo(6.0, within(1e-9));
        assertThat(u1.get("signup_date")).isEqualTo("2025-01-10");
        assertThat(u1.get("age_band")).isEqualTo("35-44");
        assertThat(u1.get("channel")).isEqualTo("organic");

        Map<String, Object> u2 = rows.get("u2");
        assertThat(u2.get("first_seen")).isEqualTo("2025-06-25");
        assertThat(u2.get("last_seen")).isEqualTo("2025-06-25");
        assertThat(number(u2, "tenure_days")).isEqualTo(5);
        assertThat(u2.get("recency_days")).isNull();
        assertThat(number(u2, "days_since_last_visit")).isEqualTo(5);
        assertThat(number(u2, "purchases")).isEqualTo(0);
        assertThat(number(u2, "frequency")).isEqualTo(0);
        assertThat((BigDecimal) u2.get("monetary_total")).isEqualByComparingTo("0");
        assertThat(u2.get("aov")).isNull();
        assertThat(number(u2, "purchases_per_30d")).isEqualTo(0.0);
        assertThat(number(u2, "sessions")).isEqualTo(1);
        assertThat(number(u2, "sessions_per_30d")).isCloseTo(1.0, within(1e-9));
        assertThat(number(u2, "browse_minutes_total")).isCloseTo(2.0, within(1e-9));
        assertThat(number(u2, "browse_minutes_per_session")).isCloseTo(2.0, within(1e-9));
        assertThat(number(u2, "views")).isEqualTo(1);
        assertThat(u2.get("browse_to_buy")).isNull();
        assertThat(number(u2, "category_breadth")).isEqualTo(1);
        assertThat(number(u2, "events_30d")).isEqualTo(2);
        assertThat(number(u2, "events_prev_90d")).isEqualTo(0);
        assertThat(u2.get("activity_trend")).isNull();
        assertThat(u2.get("signup_date")).isNull();
        assertThat(u2.get("region")).isNull();

        Map<String, Object> u3 = rows.get("u3");
        assertThat(u3.get("first_seen")).isEqualTo("2025-05-01");
        assertThat(u3.get("last_seen")).isNull();
        assertThat(number(u3, "tenure_days")).isEqualTo(60);
        assertThat(u3.get("recency_days")).isNull();
        assertThat(u3.get("days_since_last_visit")).isNull();
        assertThat(number(u3, "purchases")).isEqualTo(0);
        assertThat(number(u3, "sessions")).isEqualTo(0);
        assertThat(number(u3, "sessions_per_30d")).isEqualTo(0.0);
        assertThat(number(u3, "browse_minutes_total")).isEqualTo(0.0);
        assertThat(u3.get("browse_minutes_per_session")).isNull();
        assertThat(number(u3, "views")).isEqualTo(0);
        assertThat(number(u3, "category_breadth")).isEqualTo(0);
        assertThat(number(u3, "events_30d")).isEqualTo(0);
        assertThat(u3.get("activity_trend")).isNull();
        assertThat(u3.get("signup_date")).isEqualTo("2025-05-01");
        assertThat(u3.get("region")).isEqualTo("EU");
        assertThat(u3.get("gender")).isEqualTo("f");

        Map<String, Object> u4 = rows.get("u4");
        assertThat(u4.get("first_seen")).isEqualTo("2025-02-01");
        assertThat(number(u4, "tenure_days")).isEqualTo(149);
        assertThat(number(u4, "recency_days")).isEqualTo(149);
        assertThat(number(u4, "days_since_last_visit")).isEqualTo(149);
        assertThat(number(u4, "purchases")).isEqualTo(2);
        assertThat(number(u4, "frequency")).isEqualTo(0);
        assertThat((BigDecimal) u4.get("monetary_total")).isEqualByComparingTo("100");
        assertThat((BigDecimal) u4.get("aov")).isEqualByComparingTo("50");
        assertThat(number(u4, "purchases_per_30d")).isCloseTo(2 * 30 / 149.0, within(1e-9));
        assertThat(number(u4, "browse_to_buy")).isEqualTo(0.0);
        assertThat(number(u4, "category_breadth")).isEqualTo(0);
        assertThat(number(u4, "events_prev_90d")).isEqualTo(0);
        assertThat(u4.get("activity_trend")).isNull();
        assertThat(u4.get("signup_date")).isNull();
        assertThat(u4.get("age_band")).isEqualTo("18-24");
    }

    @Test
    void eventsAndUsersAfterTheCutoffChangeNothing() throws IOException {
        FeatureTable.build(store, CUTOFF);
        Map<String, Map<String, Object>> before = rows();
        long eventsBefore = store.eventCount();

        ingestEvents("later.csv", """
                event_id,user_id,ts,type,amount,duration_s,category
                20,u1,2025-07-01T00:00:01Z,purchase,500.00,,D
                21,u2,2025-07-03T10:00:00Z,session,,900,
                22,u3,2025-08-01T10:00:00Z,view,,,E
                23,u9,2025-07-02T10:00:00Z,purchase,80.00,,A
                """);
        Path users = Files.writeString(dir.resolve("later-users.csv"), """
                user_id,signup_date,age_band,gender,region,channel
                u8,2025-07-15,25-34,m,EU,ads
                """);
        Ingestor.ingestUsers(store, IngestRequest.of(users, Mapping.canonical()));
        assertThat(store.eventCount()).isEqualTo(eventsBefore + 4);

        FeatureTable.build(store, CUTOFF);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theExportedParquetAndCsvHoldEveryRow() {
        FeatureTable.build(store, CUTOFF);
        Path parquet = dir.resolve("features.parquet");
        Path csv = dir.resolve("it's features.csv");
        FeatureTable.export(store, parquet);
        FeatureTable.export(store, csv);
        assertThat(store.scalarLong("SELECT count(*) FROM read_parquet('" + parquet + "')")).isEqualTo(4);
        assertThat(store.scalarLong("SELECT count(*) FROM read_parquet('" + parquet + "') p JOIN features f "
                + "USING (user_id) WHERE p.monetary_total = f.monetary_total AND p.tenure_days = f.tenure_days")).isEqualTo(4);
        assertThat(store.scalarLong("SELECT count(*) FROM read_csv(" + io.pulse.store.Sql.literal(csv.toString()) + ")"))
                .isEqualTo(4);
    }

    @Test
    void anExportNamedNeitherParquetNorCsvIsAnInputMistake() {
        FeatureTable.build(store, CUTOFF);
        assertThatThrownBy(() -> FeatureTable.export(store, dir.resolve("features.xlsx")))
                .isInstanceOf(PulseInputException.class).hasMessageContaining(".parquet or .csv");
    }

    @Test
    void aCutoffBeforeTheFirstEventIsAnInputMistake() {
        assertThatThrownBy(() -> FeatureTable.build(store, LocalDate.parse("2025-01-31")))
                .isInstanceOf(PulseInputException.class).hasMessageContaining("before the first event (2025-02-01)");
    }

    @Test
    void theCutoffDayItselfIsIncludedAndTheNextDayIsNot() {
        FeatureTable.build(store, CUTOFF);
        assertThat(number(rows().get("u1"), "views")).isEqualTo(3);
        FeatureTable.build(store, CUTOFF.minusDays(1));
        assertThat(number(rows().get("u1"), "views")).isEqualTo(2);
    }

    private void ingestEvents(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        Ingestor.ingestEvents(store, IngestRequest.of(file, Mapping.canonical()));
    }

    private static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    /** The features table by user_id; dates as ISO text. */
    private Map<String, Map<String, Object>> rows() {
        return rows(store);
    }

    static Map<String, Map<String, Object>> rows(PulseStore store) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM features ORDER BY user_id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(md.getColumnName(i), v == null || v instanceof Number ? v : v.toString());
                }
                out.put(rs.getString("user_id"), row);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
