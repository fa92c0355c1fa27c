package io.pulse.store.tags;

import io.pulse.core.PulseInputException;
import io.pulse.store.GeneratedStore;
import io.pulse.store.PulseStore;
import io.pulse.store.clv.ClvRun;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.prediction.PredictRun;
import io.pulse.store.segments.SegmentTables;
import io.pulse.store.thresholds.ThresholdTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default tags on a generated store (2,000 users, 120 days) at its last event day, each kind checked
 * against the same selection written directly in DuckDB SQL.
 */
class TagRunTest {

    @TempDir
    static Path dir;
    static PulseStore store;
    static LocalDate cutoff;
    /** Computed before any model table exists. */
    static TagSet defaults;

    @BeforeAll
    static void generate() throws IOException {
        store = GeneratedStore.open(dir, 2000, 120, 11L);
        cutoff = FeatureTable.lastEventDay(store);
        long started = System.nanoTime();
        defaults = TagRun.compute(store, TagDefinitions.load(null), cutoff);
        long first = System.nanoTime() - started;
        started = System.nanoTime();
        TagRun.compute(store, TagDefinitions.load(null), cutoff);
        long again = System.nanoTime() - started;
        System.out.printf("default tags, %d users: %.0f ms with the feature build, %.0f ms on built features%n",
                defaults.users(), first / 1e6, again / 1e6);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Set<String> sql(String query) {
        Set<String> out = new HashSet<>();
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static Set<String> ids(TagSet set, RoaringBitmap users) {
        Set<String> out = new HashSet<>();
        users.forEach((int i) -> out.add(set.userIds()[i]));
        return out;
    }

    static void execute(String statements) {
        try (Statement s = store.connection().createStatement()) {
            s.execute(statements);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theUsersAreTheFeatureTableInUserIdOrder() {
        assertThat(defaults.userIds()).containsExactlyElementsOf(new ArrayList<>(new java.util.TreeSet<>(
                sql("SELECT user_id FROM features"))));
        assertThat(defaults.users()).isEqualTo(store.scalarLong("SELECT count(*) FROM features"));
        assertThat(store.scalarLong("SELECT count(DISTINCT cutoff) FROM features WHERE cutoff = DATE '" + cutoff + "'"))
                .isEqualTo(1);
    }

    @Test
    void theKnownFeaturesAreColumnsOfTheFeatureTable() {
        assertThat(FeatureTable.columns(store)).containsAll(TagDefinitions.FEATURES);
    }

    @Test
    void percentileRulesSelectWhatQuantileContSelectsInSql() {
        assertThat(ids(defaults, defaults.tags().get("high_value"))).isEqualTo(sql("SELECT user_id FROM features"
                + " WHERE CAST(monetary_total AS DOUBLE) > (SELECT quantile_cont(CAST(monetary_total AS DOUBLE), 0.8)"
                + " FROM features)")).isNotEmpty();
        assertThat(ids(defaults, defaults.tags().get("low_spender"))).isEqualTo(sql("SELECT user_id FROM features"
                + " WHERE monetary_total > 0 AND monetary_total < 50")).isNotEmpty();
        assertThat(ids(defaults, defaults.tags().get("window_shopper"))).isEqualTo(sql("SELECT user_id FROM features"
                + " WHERE views >= (SELECT quantile_cont(CAST(views AS DOUBLE), 0.75) FROM features) AND purchases = 0"));
        assertThat(ids(defaults, defaults.tags().get("hard_to_convert"))).isEqualTo(sql("SELECT user_id FROM features"
                + " WHERE browse_to_buy > (SELECT quantile_cont(browse_to_buy, 0.8) FROM features)")).isNotEmpty();
    }

    @Test
    void fixedRulesLeaveOutUsersWithoutAValue() {
        assertThat(ids(defaults, defaults.tags().get("rising"))).isEqualTo(sql(
                "SELECT user_id FROM features WHERE activity_trend > 1.5"));
        assertThat(ids(defaults, defaults.tags().get("one_time_buyer"))).isEqualTo(sql(
                "SELECT user_id FROM features WHERE purchases >= 1 AND frequency = 0")).isNotEmpty();
        assertThat(ids(defaults, defaults.tags().get("lapsed_buyer"))).isEqualTo(sql(
                "SELECT user_id FROM features WHERE recency_days > 90"));
    }

    @Test
    void attributeTagsAreTheGroupsOfTheirColumn() {
        Map<String, Set<String>> byRegion = new HashMap<>();
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(
                "SELECT region, list(user_id) FROM features WHERE region IS NOT NULL GROUP BY region")) {
            while (rs.next()) {
                Set<String> users = new HashSet<>();
                for (Object id : (Object[]) rs.getArray(2).getArray()) {
                    users.add((String) id);
                }
                byRegion.put("region:" + rs.getString(1), users);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        Map<String, Set<String>> tagged = new HashMap<>();
        defaults.tags().forEach((tag, users) -> {
            if (defaults.definitionOf().get(tag).equals("region")) {
                tagged.put(tag, ids(defaults, users));
            }
        });
        assertThat(byRegion).hasSizeGreaterThan(1);
        assertThat(tagged).isEqualTo(byRegion);
        assertThat(defaults.tags().keySet()).anyMatch(t -> t.startsWith("age_band:"));
    }

    @Test
    void modelTagsWithoutTheirTablesAreSkippedWithTheCommandToRun() {
        assertThat(defaults.skipped()).extracting(TagSet.Skipped::definition)
                .containsExactly("segment", "p_active", "clv", "dormant");
        assertThat(defaults.skipped().get(0).reason()).contains("run 'pulse segments' first");
        assertThat(defaults.skipped().get(3).reason()).contains("run 'pulse thresholds' first");
        assertThat(defaults.tags().keySet()).noneMatch(t -> t.startsWith("segment:") || t.equals("dormant"));
    }

    @Test
    void modelTagsReadSegmentsLatestPredictionsClvBandsAndDormancy() {
        String c = "DATE '" + cutoff + "'";
        execute(SegmentTables.DDL + ThresholdTable.DDL + ";" + PredictRun.DDL + ";" + ClvRun.DDL
                + "INSERT INTO segment_members SELECT user_id, 's' || (hash(user_id) % 4), NULL, '111', 1, 1, 1, " + c
                + " FROM features WHERE hash(user_id) % 10 <> 0;"
                + "INSERT INTO thresholds SELECT user_id, 'all', 1, NULL, NULL, 0, hash(user_id) % 3 = 0, NULL, NULL,"
                + " 'x', " + c + " FROM features;"
                + "INSERT INTO predictions SELECT user_id, 'old', " + c + " - 7, 30, 'x', 0.99, 1 FROM features;"
                + "INSERT INTO predictions SELECT user_id, 'new', " + c + ", 30, 'x', (hash(user_id) % 1000) / 1000.0, 1"
                + " FROM features;"
                + "INSERT INTO clv_models VALUES ('bgnbd', " + c + ", 'week', '{}', 0, 1, now());"
                + "INSERT INTO clv_customers SELECT user_id, 'bgnbd', " + c + ", 'week', 0, 0, 0, 0, NULL, NULL, NULL,"
                + " CASE WHEN purchases > 0 THEN CAST(monetary_total AS DOUBLE) * 1.5 END FROM features;");
        try {
            TagSet set = TagRun.compute(store, TagDefinitions.load(null), cutoff);
            assertThat(set.skipped()).isEmpty();
            assertThat(ids(set, set.tags().get("segment:s2"))).isEqualTo(sql(
                    "SELECT user_id FROM segment_members WHERE cluster = 's2'")).isNotEmpty();
            assertThat(ids(set, set.tags().get("dormant"))).isEqualTo(sql(
                    "SELECT user_id FROM thresholds WHERE beyond_threshold"));
            assertThat(ids(set, set.tags().get("p_active:high"))).isEqualTo(sql(
                    "SELECT user_id FROM predictions WHERE model = 'new' AND probability >= 0.7"));
            assertThat(ids(set, set.tags().get("p_active:low"))).isEqualTo(sql(
                    "SELECT user_id FROM predictions WHERE model = 'new' AND probability < 0.3"));
            assertThat(set.sources().get("p_active")).contains("model new");
            String p50 = "(SELECT quantile_cont(clv, 0.5) FROM clv_customers)";
            String p90 = "(SELECT quantile_cont(clv, 0.9) FROM clv_customers)";
            assertThat(ids(set, set.tags().get("clv:mid"))).isEqualTo(sql(
                    "SELECT user_id FROM clv_customers WHERE clv >= " + p50 + " AND clv < " + p90)).isNotEmpty();
            assertThat(ids(set, set.tags().get("clv:high"))).isEqualTo(sql(
                    "SELECT user_id FROM clv_customers WHERE clv >= " + p90));
            assertThat(set.tags().get("clv:low").getCardinality() + set.tags().get("clv:mid").getCardinality()
                    + set.tags().get("clv:high").getCardinality())
                    .isEqualTo((int) store.scalarLong("SELECT count(clv) FROM clv_customers"));
        } finally {
            execute("DROP TABLE segment_members; DROP TABLE segments; DROP TABLE opportunities;"
                    + " DROP TABLE segmentation_runs; DROP TABLE thresholds; DROP TABLE predictions;"
                    + " DROP TABLE clv_customers; DROP TABLE clv_models;");
        }
    }

    @Test
    void aFeatureTableAtAnotherCutoffIsRebuilt() {
        LocalDate earlier = cutoff.minusDays(30);
        List<TagDefinition> one = TagDefinitions.parse("tags:\n  - {name: recent, rule: \"days_since_last_visit <= 7\","
                + " owner: a, refresh: daily, description: d}\n", "t.yaml");
        TagSet set = TagRun.compute(store, one, earlier);
        try {
            assertThat(set.cutoff()).isEqualTo(earlier);
            assertThat(set.users()).isEqualTo(store.scalarLong("SELECT count(*) FROM features"));
            assertThat(ids(set, set.tags().get("recent"))).isEqualTo(sql(
                    "SELECT user_id FROM features WHERE days_since_last_visit <= 7"));
            assertThat(set.users()).isLessThan(defaults.users());
        } finally {
            FeatureTable.build(store, cutoff);
        }
    }

    @Test
    void aPercentileOfAFeatureNoUserHasPointsAtTheDefinition() {
        List<TagDefinition> trend = TagDefinitions.parse("tags:\n  - {name: up, rule: \"activity_trend > p50\","
                + " owner: a, refresh: daily, description: d}\n", "t.yaml");
        try {
            assertThatThrownBy(() -> TagRun.compute(store, trend, FeatureTable.firstEventDay(store).plusDays(3)))
                    .isInstanceOfSatisfying(PulseInputException.class, e -> {
                        assertThat(e.describe()).startsWith("t.yaml:2: field 'rule': tag 'up': ");
                        assertThat(e.getMessage()).contains("no user has a value");
                    });
        } finally {
            FeatureTable.build(store, cutoff);
        }
    }
}
