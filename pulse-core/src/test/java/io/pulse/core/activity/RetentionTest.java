package io.pulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionTest {

    /**
     * Four full ISO weeks, W10 (03-03..03-09) to W13 (03-24..03-30), followed for 3 weeks.
     * <pre>
     *            W10  W11  W12  W13   known
     *   user 0    x    x         x    03-03
     *   user 1    x         x         03-03
     *   user 2         x    x         03-03   (known in W10, first active in W11)
     *   user 3                   x    03-20
     *   user 4                        03-05   (never active)
     * </pre>
     * Cohort W10 = {0, 1}: week +0 both, +1 user 0, +2 user 1 (user 0's W13 is +3, past 3 weeks).
     * Cohort W11 = {2}: +0, +1 yes, +2 no. No one starts in W12. Cohort W13 = {3}: one week left.
     */
    private static RetentionMatrix matrix() {
        return Fixture.users(5)
                .known(0, "2025-03-03").events(0, "2025-03-04", "2025-03-12", "2025-03-26")
                .known(1, "2025-03-03").events(1, "2025-03-07", "2025-03-20")
                .known(2, "2025-03-03").events(2, "2025-03-11", "2025-03-18")
                .known(3, "2025-03-20").events(3, "2025-03-28")
                .known(4, "2025-03-05")
                .analyze(ActivityOptions.defaults().withRetentionWeeks(3)
                        .withRange(LocalDate.parse("2025-03-03"), LocalDate.parse("2025-03-30")))
                .retention();
    }

    @Test
    void aCohortIsFollowedWeekByWeekFromItsFirstActiveWeek() {
        assertThat(matrix().cohorts().get(0)).isEqualTo(new RetentionCohort("2025-W10",
                LocalDate.parse("2025-03-03"), 2, List.of(2L, 1L, 1L), List.of(1.0, 0.5, 0.5)));
    }

    @Test
    void aUserKnownEarlierJoinsTheCohortOfTheirFirstActiveWeek() {
        assertThat(matrix().cohorts().get(1)).isEqualTo(new RetentionCohort("2025-W11",
                LocalDate.parse("2025-03-10"), 1, List.of(1L, 1L, 0L), List.of(1.0, 1.0, 0.0)));
    }

    @Test
    void weeksWithoutNewlyActiveUsersHaveNoCohort() {
        assertThat(matrix().cohorts()).extracting(RetentionCohort::week)
                .containsExactly("2025-W10", "2025-W11", "2025-W13");
    }

    @Test
    void aCohortRowStopsAtTheEndOfTheRange() {
        assertThat(matrix().cohorts().get(2).active()).containsExactly(1L);
        assertThat(matrix().maxWeeks()).isEqualTo(3);
    }

    @Test
    void theFirstActiveWeekFollowsTheDefinition() {
        // minEvents 2: user 0's single event in W10 does not count, the two in W11 do.
        RetentionMatrix m = Fixture.users(1)
                .events(0, "2025-03-04", "2025-03-11", "2025-03-12")
                .analyze("2025-03-03", "2025-03-30", new ActivityDefinition(Set.of(), 2, 0))
                .retention();
        assertThat(m.cohorts()).singleElement().extracting(RetentionCohort::week, RetentionCohort::active)
                .containsExactly("2025-W11", List.of(1L, 0L, 0L));
    }

    /**
     * The range ends on Wednesday 2025-03-12, cutting W11. User 0 is active in W10 and on Tuesday
     * of W11: counting that partial week would show a retention that a full week might not, so
     * the cohort row stops after week +0.
     */
    @Test
    void aWeekCutByTheEndOfTheRangeIsLeftOutOfRetention() {
        RetentionMatrix m = Fixture.users(1)
                .known(0, "2025-03-03").events(0, "2025-03-04", "2025-03-11")
                .analyze(ActivityOptions.defaults().withRange(LocalDate.parse("2025-03-03"), LocalDate.parse("2025-03-12")))
                .retention();
        assertThat(m.cohorts()).singleElement().satisfies(c -> assertThat(c.active()).containsExactly(1L));
    }
}
