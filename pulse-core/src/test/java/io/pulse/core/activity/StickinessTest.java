package io.pulse.core.activity;

import static io.pulse.core.activity.Fixture.period;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StickinessTest {

    /** User 0 every day 02-01..02-14 and all of March; user 1 every day 02-01..02-07. */
    private static Fixture twoUsers() {
        return Fixture.users(2)
                .everyDay(0, "2025-02-01", "2025-02-14").everyDay(0, "2025-03-01", "2025-03-31")
                .everyDay(1, "2025-02-01", "2025-02-07");
    }

    @Test
    void monthStickinessIsMeanDauOverActiveUsers() {
        // February: DAU sums to 14 + 7 = 21 over 28 days, mean 0.75, over 2 active users = 0.375.
        // March: DAU 1 every day, 1 active user = 1.0.
        ActivityReport r = twoUsers().analyze("2025-02-01", "2025-03-31");
        assertThat(period(r, Granularity.MONTH, "2025-02").stickiness()).isEqualTo(0.375);
        assertThat(period(r, Granularity.MONTH, "2025-03").stickiness()).isEqualTo(1.0);
    }

    @Test
    void overallStickinessAveragesTheCompleteMonths() {
        // (0.375 + 1.0) / 2
        assertThat(twoUsers().analyze("2025-02-01", "2025-03-31").stickiness()).isEqualTo(0.6875);
    }

    @Test
    void overallStickinessLeavesOutPartialMonths() {
        // March is cut at the 15th, so only February's 0.375 counts.
        assertThat(twoUsers().analyze("2025-02-01", "2025-03-15").stickiness()).isEqualTo(0.375);
    }

    @Test
    void aPartialMonthAveragesDauOverItsInRangeDaysOnly() {
        // 03-01..03-15: user 0 active all 15 days, mean DAU 15 / 15 = 1, over 1 active user.
        ActivityReport r = twoUsers().analyze("2025-02-01", "2025-03-15");
        assertThat(period(r, Granularity.MONTH, "2025-03").stickiness()).isEqualTo(1.0);
    }

    @Test
    void whenNoMonthIsCompleteOverallStickinessAveragesThePartialOnes() {
        // February 10..28 (19 days): user 0 active 5 days (10..14), user 1 not at all: (5 / 19) / 1.
        // March 1..5: user 0 all 5 days: 1. Mean (5/19 + 1) / 2 = 12/19.
        ActivityReport r = twoUsers().analyze("2025-02-10", "2025-03-05");
        assertThat(period(r, Granularity.MONTH, "2025-02").stickiness()).isCloseTo(5.0 / 19, within(1e-12));
        assertThat(r.stickiness()).isCloseTo(12.0 / 19, within(1e-12));
    }

    @Test
    void stickinessIsNullForMonthsWithoutActiveUsersAndForDaysAndWeeks() {
        ActivityReport r = twoUsers().analyze("2025-02-01", "2025-04-30");
        assertThat(period(r, Granularity.MONTH, "2025-04").stickiness()).isNull();
        assertThat(r.periods(Granularity.DAY)).allMatch(p -> p.stickiness() == null);
        assertThat(r.periods(Granularity.WEEK)).allMatch(p -> p.stickiness() == null);
    }
}
