package io.pulse.store.segments;

import io.pulse.store.GeneratedStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.PulseInputException;
import io.pulse.core.progress.Progress;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A generated store (2,500 users, 150 days) segmented at its last event day; tables checked against SQL. */
class SegmentRunTest {

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static LocalDate cutoff;
    private static SegmentRun.Result result;

    @BeforeAll
    static void generateIngestAndSegment() throws IOException {
        store = GeneratedStore.open(dir, 2500, 150, 11L);
        cutoff = FeatureTable.lastEventDay(store);
        result = SegmentRun.run(store, SegmentRun.Options.defaults(cutoff, dir.resolve("members")), Progress.NONE);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static long scalar(String sql) {
        return store.scalarLong(sql);
    }

    @Test
    void everyUserOfTheFeatureTableIsSegmentedOnce() {
        assertThat(scalar("SELECT count(*) FROM segment_members")).isEqualTo(scalar("SELECT count(*) FROM features"));
        assertThat(scalar("SELECT count(DISTINCT user_id) FROM segment_members")).isEqualTo(result.users());
        assertThat(scalar("SELECT count(*) FROM segment_members m ANTI JOIN features f USING (user_id)")).isZero();
    }

    @Test
    void segmentSizesAreTheCountsOfTheirMembers() {
        for (SegmentRun.Segment s : result.all()) {
            String column = switch (s.kind()) {
                case "cluster" -> "cluster";
                case "value" -> "value_group";
                default -> "rfm_cell";
            };
            String id = s.kind().equals("rfm") ? s.id().substring("rfm_".length()) : s.id();
            assertThat(scalar("SELECT count(*) FROM segment_members WHERE " + column + " = '" + id + "'"))
                    .as(s.id()).isEqualTo(s.profile().size());
            assertThat(scalar("SELECT size FROM segments WHERE segment_id = '" + s.id() + "'")).isEqualTo(s.profile().size());
        }
        assertThat(result.clusters()).hasSize(result.overview().k());
    }

    @Test
    void rfmScoresAreQuintilesOfRankAmongBuyersAsSqlComputesThem() {
        // score = 1 + floor(5 (rank - 1) / n), ties at the lowest rank; recency ranked descending
        String sql = """
                WITH buyers AS (SELECT user_id, recency_days, frequency, monetary_total FROM features
                                WHERE recency_days IS NOT NULL),
                n AS (SELECT count(*) AS n FROM buyers),
                scored AS (
                    SELECT user_id,
                        1 + floor(5 * (rank() OVER (ORDER BY recency_days DESC) - 1) / n) AS r,
                        1 + floor(5 * (rank() OVER (ORDER BY frequency) - 1) / n) AS f,
                        1 + floor(5 * (rank() OVER (ORDER BY monetary_total) - 1) / n) AS m
                    FROM buyers, n)
                SELECT count(*) FROM scored s JOIN segment_members g USING (user_id)
                WHERE s.r <> g.r OR s.f <> g.f OR s.m <> g.m
                """;
        assertThat(scalar("SELECT count(*) FROM segment_members WHERE r IS NOT NULL"))
                .isEqualTo(scalar("SELECT count(*) FROM features WHERE recency_days IS NOT NULL")).isPositive();
        assertThat(scalar(sql)).isZero();
        assertThat(scalar("SELECT count(*) FROM segment_members WHERE r IS NULL AND rfm_cell <> 'no_purchase'")).isZero();
    }

    @Test
    void profileLiftsAreSegmentMeansOverPopulationMeansAsInSql() throws IOException {
        SegmentRun.Segment s1 = result.clusters().get(0);
        JsonNode browse = new ObjectMapper().readTree(TestSql.strings(store,
                "SELECT profile FROM segments WHERE segment_id = 's1'").get(0)).get("features").get("browse_minutes_per_session");
        double segment = Double.parseDouble(TestSql.strings(store, "SELECT avg(f.browse_minutes_per_session) FROM features f"
                + " JOIN segment_members m USING (user_id) WHERE m.cluster = 's1'").get(0));
        double population = Double.parseDouble(TestSql.strings(store,
                "SELECT avg(browse_minutes_per_session) FROM features").get(0));
        assertThat(browse.get("mean").asDouble()).isCloseTo(segment, within(1e-9 * segment));
        assertThat(browse.get("population_mean").asDouble()).isCloseTo(population, within(1e-9 * population));
        assertThat(browse.get("lift").asDouble()).isCloseTo(segment / population, within(1e-9));
        assertThat(s1.profile().size()).isGreaterThanOrEqualTo(result.clusters().get(1).profile().size());
    }

    @Test
    void eachOpportunityListsItsSegmentsMembersInItsFileAndTable() throws IOException {
        assertThat(result.opportunities()).isNotEmpty();
        for (SegmentRun.RankedOpportunity o : result.opportunities()) {
            String id = o.opportunity().segmentId();
            List<String> file = Files.readAllLines(o.membersFile());
            assertThat(file.get(0)).isEqualTo("user_id");
            List<String> expected = TestSql.strings(store, "SELECT user_id FROM segment_members WHERE '" + id
                    + "' IN (cluster, value_group, 'rfm_' || rfm_cell) ORDER BY user_id");
            assertThat(file.subList(1, file.size())).containsExactlyElementsOf(expected);
            assertThat(o.opportunity().size()).isEqualTo(expected.size());
            assertThat(TestSql.strings(store, "SELECT members_file FROM opportunities WHERE rank = " + o.rank()))
                    .containsExactly(o.membersFile().toAbsolutePath().toString());
        }
    }

    @Test
    void runningAgainWithTheSameSeedGivesTheSameSegmentationAndReplacesTheRows() {
        List<String> before = TestSql.strings(store,
                "SELECT user_id || cluster || coalesce(value_group, '') || rfm_cell FROM segment_members ORDER BY user_id");
        SegmentRun.Result again = SegmentRun.run(store, SegmentRun.Options.defaults(cutoff, dir.resolve("members")),
                Progress.NONE);
        assertThat(TestSql.strings(store,
                "SELECT user_id || cluster || coalesce(value_group, '') || rfm_cell FROM segment_members ORDER BY user_id"))
                .containsExactlyElementsOf(before);
        assertThat(scalar("SELECT count(*) FROM segmentation_runs")).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM opportunities")).isEqualTo(again.opportunities().size());
        assertThat(again.overview().silhouettes()).containsExactly(result.overview().silhouettes());
    }

    @Test
    void aCutoffBeforeTheFirstEventIsABadInput() {
        LocalDate early = FeatureTable.firstEventDay(store).minusDays(1);
        assertThatThrownBy(() -> SegmentRun.run(store, SegmentRun.Options.defaults(early, dir.resolve("early")),
                Progress.NONE)).isInstanceOf(PulseInputException.class).hasMessageContaining("before the first event");
    }
}
