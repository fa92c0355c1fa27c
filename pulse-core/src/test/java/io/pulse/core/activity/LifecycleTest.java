package io.pulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    /**
     * January to April 2025, by month.
     * <pre>
     *            known        Jan  Feb  Mar  Apr
     *   user 0   2025-01-01    x    x         x
     *   user 1   2025-01-01    x
     *   user 2   2025-01-15                         (never active)
     *   user 3   2025-02-10              x    x
     *   user 4   2025-03-05              x
     *   user 5   2024-06-01         x         x     (also active in Dec 2024, before the range)
     * </pre>
     * Jan: known 0,1,2,5 = 4; new 0,1; dormant 2,5; nothing lapses in the first month.
     * Feb: known +3 = 5; returning 0; new 5 (December is outside the range); dormant 1,2,3; lapsed 1.
     * Mar: known +4 = 6; new 3,4; dormant 0,1,2,5; lapsed 0,5.
     * Apr: known 6; returning 3; resurrecting 0,5; dormant 1,2,4; lapsed 4.
     */
    private static List<LifecycleCounts> months() {
        return Fixture.users(6)
                .known(0, "2025-01-01").events(0, "2025-01-05", "2025-02-05", "2025-04-05")
                .known(1, "2025-01-01").events(1, "2025-01-20")
                .known(2, "2025-01-15")
                .known(3, "2025-02-10").events(3, "2025-03-01", "2025-04-30")
                .known(4, "2025-03-05").events(4, "2025-03-05")
                .known(5, "2024-06-01").events(5, "2024-12-15", "2025-02-28", "2025-04-01")
                .analyze("2025-01-01", "2025-04-30")
                .lifecycle(Granularity.MONTH);
    }

    @Test
    void lifecycleOverFourMonthsMatchesTheHandCount() {
        assertThat(months()).containsExactly(
                new LifecycleCounts(Granularity.MONTH, "2025-01", 2, 0, 0, 2, 0),
                new LifecycleCounts(Granularity.MONTH, "2025-02", 1, 1, 0, 3, 1),
                new LifecycleCounts(Granularity.MONTH, "2025-03", 2, 0, 0, 4, 2),
                new LifecycleCounts(Granularity.MONTH, "2025-04", 0, 1, 2, 3, 1));
    }

    @Test
    void everyoneActiveInTheFirstPeriodIsNew() {
        assertThat(months().get(0).newUsers()).isEqualTo(months().get(0).active());
    }

    @Test
    void aUserActiveOnlyBeforeTheRangeIsNewWhenFirstActiveInsideIt() {
        // User 5 was active in December 2024; in February 2025 it is one of the new users.
        assertThat(months().get(1).newUsers()).isEqualTo(1);
    }

    @Test
    void aUserBackAfterASilentPeriodIsResurrecting() {
        assertThat(months().get(3).resurrecting()).isEqualTo(2);
    }

    @Test
    void usersKnownButNeverActiveAreDormantEveryPeriod() {
        // User 2 is in every month's dormant count; January's 2 are users 2 and 5.
        assertThat(months()).extracting(LifecycleCounts::dormant).allMatch(d -> d >= 1);
    }

    @Test
    void theKnownUsersOfAMonthMatchItsPeriodFigures() {
        ActivityReport r = Fixture.users(2).known(0, "2025-01-01").events(1, "2025-02-03")
                .analyze("2025-01-01", "2025-02-28");
        assertThat(r.lifecycle(Granularity.MONTH)).extracting(LifecycleCounts::known)
                .containsExactlyElementsOf(r.periods(Granularity.MONTH).stream()
                        .map(PeriodActivity::knownUsers).toList());
    }
}
