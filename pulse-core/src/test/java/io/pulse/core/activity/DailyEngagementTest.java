package io.pulse.core.activity;

import static io.pulse.core.activity.Fixture.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DailyEngagementTest {

    /**
     * 2025-03-01..2025-04-05 (36 days). User 0 on 03-01, user 1 on 03-08, user 2 on 02-27 (before
     * the range, ignored) and 03-31. A row counts towards WAU for 7 days from its own (d..d+6) and
     * towards MAU for 30 (d..d+29):
     * WAU: user 0 03-01..03-07, user 1 03-08..03-14, user 2 03-31..; MAU: user 0 03-01..03-30,
     * user 1 03-08..04-06, user 2 03-31...
     */
    private static ActivityReport threeUsers() {
        return Fixture.users(3)
                .events(0, "2025-03-01")
                .events(1, "2025-03-08")
                .events(2, "2025-02-27", "2025-03-31")
                .analyze("2025-03-01", "2025-04-05");
    }

    @Test
    void thereIsOneFigureForEveryDayOfTheRange() {
        assertThat(threeUsers().daily()).hasSize(36);
    }

    @Test
    void windowsAtTheRangeStartIgnoreRowsBeforeIt() {
        // User 2's 02-27 would be in both windows of 03-01 but lies before the range.
        assertThat(on(threeUsers(), "2025-03-01"))
                .extracting(DailyEngagement::dau, DailyEngagement::wau, DailyEngagement::mau)
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void aRowStaysInTheWeeklyWindowForSevenDays() {
        ActivityReport r = threeUsers();
        assertThat(on(r, "2025-03-07").wau()).isEqualTo(1);   // user 0, day 7 of its window
        assertThat(on(r, "2025-03-08").wau()).isEqualTo(1);   // user 0 left, user 1 entered
        assertThat(on(r, "2025-03-14").wau()).isEqualTo(1);   // user 1
        assertThat(on(r, "2025-03-15").wau()).isZero();
    }

    @Test
    void aRowStaysInTheMonthlyWindowForThirtyDays() {
        ActivityReport r = threeUsers();
        assertThat(on(r, "2025-03-07").mau()).isEqualTo(1);   // user 0
        assertThat(on(r, "2025-03-30").mau()).isEqualTo(2);   // users 0 and 1
        assertThat(on(r, "2025-03-31").mau()).isEqualTo(2);   // user 0 left, user 2 entered
        assertThat(on(r, "2025-04-05").mau()).isEqualTo(2);   // users 1 and 2
    }

    @Test
    void dailyActiveUsersAreThoseWithEnoughActivityThatDay() {
        assertThat(threeUsers().daily()).filteredOn(d -> d.dau() > 0).extracting(d -> d.date().toString())
                .containsExactly("2025-03-01", "2025-03-08", "2025-03-31");
    }

    @Test
    void aWindowIsActiveWhenItsSumsReachTheDefinitionEvenIfNoSingleDayDoes() {
        // minEvents 2; one event on 03-01 and one on 03-05. Both are in the 7-day window for
        // 03-05..03-07 and in the 30-day window for 03-05..03-30.
        ActivityReport r = Fixture.users(1).events(0, "2025-03-01", "2025-03-05")
                .analyze("2025-03-01", "2025-04-05", new ActivityDefinition(Set.of(), 2, 0));
        assertThat(r.daily()).allMatch(d -> d.dau() == 0);
        assertThat(r.daily()).filteredOn(d -> d.wau() == 1).extracting(d -> d.date().toString())
                .containsExactly("2025-03-05", "2025-03-06", "2025-03-07");
        assertThat(r.daily()).filteredOn(d -> d.mau() == 1).hasSize(26)
                .first().extracting(d -> d.date().toString()).isEqualTo("2025-03-05");
        assertThat(on(r, "2025-03-30").mau()).isEqualTo(1);
        assertThat(on(r, "2025-03-31").mau()).isZero();
    }

    @Test
    void browseSecondsThatSumExactlyToTheThresholdStayActiveAsRowsComeAndGo() {
        // As doubles, 0.1 + 0.1 + 0.7 - 0.1 is 0.7999999999999999, short of 0.8; in milliseconds
        // the window of 03-08 (rows of 03-02 and 03-03) holds exactly 800.
        ActivityReport r = Fixture.users(1)
                .row(0, "2025-03-01", 1, 0.1).row(0, "2025-03-02", 1, 0.1).row(0, "2025-03-03", 1, 0.7)
                .analyze("2025-03-01", "2025-03-20", new ActivityDefinition(Set.of(), 1, 0.8));
        // 03-07: 0.9 s; 03-08: 0.8 s; 03-09: 0.7 s.
        assertThat(on(r, "2025-03-07").wau()).isEqualTo(1);
        assertThat(on(r, "2025-03-08").wau()).isEqualTo(1);
        assertThat(on(r, "2025-03-09").wau()).isZero();
    }
}
