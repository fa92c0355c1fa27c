package io.pulse.core.activity;

import static io.pulse.core.activity.Fixture.period;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pulse.core.PulseInputException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeriodActivityTest {

    @Test
    void aUserWithOneEventIsActiveInItsDayWeekAndMonth() {
        // One event on Wednesday 2025-03-05; the default range is that one day.
        ActivityReport r = Fixture.users(1).events(0, "2025-03-05").analyze(ActivityOptions.defaults());
        assertThat(r.periods()).containsExactly(
                new PeriodActivity(Granularity.DAY, "2025-03-05", LocalDate.parse("2025-03-05"),
                        LocalDate.parse("2025-03-05"), 1, 1, 1.0, false, null),
                new PeriodActivity(Granularity.WEEK, "2025-W10", LocalDate.parse("2025-03-03"),
                        LocalDate.parse("2025-03-09"), 1, 1, 1.0, true, null),
                // Mean DAU over the month's one in-range day is 1, over 1 active user.
                new PeriodActivity(Granularity.MONTH, "2025-03", LocalDate.parse("2025-03-01"),
                        LocalDate.parse("2025-03-31"), 1, 1, 1.0, true, 1.0));
    }

    @Test
    void theDefaultRangeRunsFromTheFirstToTheLastRowNotFromTheFirstKnownDay() {
        ActivityReport r = Fixture.users(2).known(0, "2024-01-01")
                .events(0, "2025-03-04").events(1, "2025-03-20")
                .analyze(ActivityOptions.defaults());
        assertThat(r.from()).isEqualTo("2025-03-04");
        assertThat(r.to()).isEqualTo("2025-03-20");
        assertThat(r.users()).isEqualTo(2);
    }

    /** W09 = 02-24..03-02, W10 = 03-03..03-09, W11 = 03-10..03-16, all inside the range. */
    private static ActivityReport sundayAndMonday() {
        return Fixture.users(3)
                .known(0, "2025-02-24").events(0, "2025-03-02")                 // Sunday only
                .known(1, "2025-03-03").events(1, "2025-03-03")                 // Monday only
                .known(2, "2025-03-02").events(2, "2025-03-02", "2025-03-03")   // both
                .analyze("2025-02-24", "2025-03-16");
    }

    @Test
    void eventsOnSundayAndMondayFallInDifferentIsoWeeks() {
        // W09: users 0 and 2 active, known 0 and 2. W10: users 1 and 2 active, all 3 known.
        ActivityReport r = sundayAndMonday();
        assertThat(period(r, Granularity.WEEK, "2025-W09"))
                .extracting(PeriodActivity::activeUsers, PeriodActivity::knownUsers, PeriodActivity::activeRate)
                .containsExactly(2L, 2L, 1.0);
        assertThat(period(r, Granularity.WEEK, "2025-W10"))
                .extracting(PeriodActivity::activeUsers, PeriodActivity::knownUsers, PeriodActivity::activeRate)
                .containsExactly(2L, 3L, 2.0 / 3);
    }

    @Test
    void anEmptyWeekInsideTheRangeIsReportedWithZeroActiveUsers() {
        ActivityReport r = sundayAndMonday();
        assertThat(r.periods(Granularity.WEEK)).extracting(PeriodActivity::period)
                .containsExactly("2025-W09", "2025-W10", "2025-W11");
        assertThat(period(r, Granularity.WEEK, "2025-W11"))
                .extracting(PeriodActivity::activeUsers, PeriodActivity::knownUsers, PeriodActivity::activeRate,
                        PeriodActivity::partial)
                .containsExactly(0L, 3L, 0.0, false);
    }

    @Test
    void everyDayOfTheRangeIsAPeriodEvenWithoutEvents() {
        // 2025-02-24..2025-03-16 is 21 days.
        assertThat(sundayAndMonday().periods(Granularity.DAY)).hasSize(21);
    }

    @Test
    void eventsOnTheLastAndFirstDayOfAMonthFallInDifferentMonths() {
        // Jan: user 0 active, known 1. Feb: user 1 active, both known. Mar: nobody active, both known.
        ActivityReport r = Fixture.users(2)
                .known(0, "2025-01-01").events(0, "2025-01-31")
                .known(1, "2025-02-01").events(1, "2025-02-01")
                .analyze("2025-01-01", "2025-03-31");
        assertThat(r.periods(Granularity.MONTH))
                .extracting(PeriodActivity::period, PeriodActivity::activeUsers, PeriodActivity::knownUsers)
                .containsExactly(
                        tuple("2025-01", 1L, 1L),
                        tuple("2025-02", 1L, 2L),
                        tuple("2025-03", 0L, 2L));
    }

    @Test
    void theThirtiethOfDecember2024IsReportedInWeek2025W01() {
        ActivityReport r = Fixture.users(1).events(0, "2024-12-30").analyze("2024-12-30", "2025-01-05");
        assertThat(r.periods(Granularity.WEEK)).singleElement()
                .extracting(PeriodActivity::period, PeriodActivity::activeUsers, PeriodActivity::partial)
                .containsExactly("2025-W01", 1L, false);
        assertThat(r.periods(Granularity.MONTH)).extracting(PeriodActivity::period, PeriodActivity::activeUsers)
                .containsExactly(tuple("2024-12", 1L),
                        tuple("2025-01", 0L));
    }

    @Test
    void theThirdOfJanuary2021IsReportedInWeek2020W53() {
        ActivityReport r = Fixture.users(1).events(0, "2021-01-03").analyze("2020-12-28", "2021-01-03");
        assertThat(r.periods(Granularity.WEEK)).singleElement()
                .extracting(PeriodActivity::period, PeriodActivity::start, PeriodActivity::activeUsers)
                .containsExactly("2020-W53", LocalDate.parse("2020-12-28"), 1L);
    }

    @Test
    void activeRateCountsUsersKnownBeforeThePeriodEnd() {
        // March: user 0 active; known are user 0 (Jan) and user 1 (31 March, never active);
        // user 2, known from 1 April, is not. 1 / 2.
        ActivityReport r = Fixture.users(3)
                .known(0, "2025-01-10").events(0, "2025-03-05")
                .known(1, "2025-03-31")
                .known(2, "2025-04-01")
                .analyze("2025-03-01", "2025-03-31");
        assertThat(period(r, Granularity.MONTH, "2025-03"))
                .extracting(PeriodActivity::activeUsers, PeriodActivity::knownUsers, PeriodActivity::activeRate)
                .containsExactly(1L, 2L, 0.5);
    }

    @Test
    void aUserWithoutAKnownFromDayOrRowsIsNeverKnown() {
        // User 1 has no rows and the store had no day for them: March knows only user 0.
        ActivityReport r = Fixture.users(2).events(0, "2025-03-05").analyze("2025-03-01", "2025-03-31");
        assertThat(period(r, Granularity.MONTH, "2025-03").knownUsers()).isEqualTo(1);
        assertThat(r.users()).isEqualTo(2);
    }

    @Test
    void usersKnownAfterTheRangeEndAreNotCountedEvenInsideAPartialMonth() {
        // The range ends 15 March; user 1 is known from 20 March, inside the month but after the range.
        ActivityReport r = Fixture.users(2)
                .known(0, "2025-03-01").events(0, "2025-03-05")
                .known(1, "2025-03-20")
                .analyze("2025-03-01", "2025-03-15");
        assertThat(period(r, Granularity.MONTH, "2025-03"))
                .extracting(PeriodActivity::knownUsers, PeriodActivity::partial)
                .containsExactly(1L, true);
    }

    @Test
    void aPartialPeriodOnlySeesItsInRangeDays() {
        // The range starts Wednesday 2025-03-05 in W10; user 0's Monday event is outside it.
        ActivityReport r = Fixture.users(2)
                .known(0, "2025-03-01").events(0, "2025-03-03")
                .events(1, "2025-03-05")
                .analyze("2025-03-05", "2025-03-20");
        assertThat(period(r, Granularity.WEEK, "2025-W10"))
                .extracting(PeriodActivity::activeUsers, PeriodActivity::knownUsers, PeriodActivity::partial)
                .containsExactly(1L, 2L, true);
    }

    @Test
    void minEventsIsAppliedToThePeriodSumNotToEachDay() {
        // minEvents 2 in W10: user 0 has 1 + 1 events on two days (active in the week, on no day),
        // user 1 has 1 event (never active), user 2 has 2 events on one day (active that day and week).
        ActivityReport r = Fixture.users(3)
                .events(0, "2025-03-03", "2025-03-05")
                .events(1, "2025-03-04")
                .row(2, "2025-03-06", 2, 0)
                .analyze("2025-03-03", "2025-03-09", new ActivityDefinition(Set.of(), 2, 0));
        assertThat(period(r, Granularity.WEEK, "2025-W10").activeUsers()).isEqualTo(2);
        assertThat(r.periods(Granularity.DAY)).extracting(PeriodActivity::activeUsers)
                .containsExactly(0L, 0L, 0L, 1L, 0L, 0L, 0L);
    }

    @Test
    void minBrowseSecondsNeedsTheBrowseSumOfThePeriodToReachIt() {
        // At least 1 event and 60 s. User 0: 40 s with an event on Monday, 30 s without one on
        // Tuesday: 70 s and 1 event in the week, but neither day qualifies on its own.
        // User 1: 59.9 s, short. User 2: exactly 60 s, active.
        ActivityReport r = Fixture.users(3)
                .row(0, "2025-03-03", 1, 40).row(0, "2025-03-04", 0, 30)
                .row(1, "2025-03-05", 3, 59.9)
                .row(2, "2025-03-06", 1, 60)
                .analyze("2025-03-03", "2025-03-09", new ActivityDefinition(Set.of(), 1, 60));
        assertThat(period(r, Granularity.WEEK, "2025-W10").activeUsers()).isEqualTo(2);
        assertThat(r.periods(Granularity.DAY)).extracting(PeriodActivity::activeUsers)
                .containsExactly(0L, 0L, 0L, 1L, 0L, 0L, 0L);
    }

    @Test
    void twoRowsForOneUserAndDayCountAsTheirSum() {
        ActivityReport r = Fixture.users(1).events(0, "2025-03-03", "2025-03-03")
                .analyze("2025-03-03", "2025-03-03", new ActivityDefinition(Set.of(), 2, 0));
        assertThat(period(r, Granularity.DAY, "2025-03-03").activeUsers()).isEqualTo(1);
    }

    @Test
    void onlyTheRequestedGranularitiesAreReported() {
        ActivityReport r = Fixture.users(1).events(0, "2025-03-03")
                .analyze(ActivityOptions.defaults().withGranularities(Granularity.MONTH, Granularity.DAY));
        assertThat(r.periods()).extracting(PeriodActivity::granularity)
                .containsExactly(Granularity.DAY, Granularity.MONTH);
        assertThat(r.lifecycle()).extracting(LifecycleCounts::granularity)
                .containsExactly(Granularity.DAY, Granularity.MONTH);
    }

    @Test
    void dataWithoutRowsNeedsAnExplicitRange() {
        DailyActivity data = DailyActivity.builder(1).knownFrom(0, 0).build();
        assertThatThrownBy(() -> ActivityAnalyzer.analyze(data, ActivityOptions.defaults()))
                .isInstanceOf(PulseInputException.class)
                .hasMessageContaining("give from and to");
    }

    @Test
    void withoutAnyActivityEveryFigureIsZero() {
        ActivityReport r = Fixture.users(1).known(0, "2025-01-01").analyze("2025-03-01", "2025-03-31");
        assertThat(r.periods(Granularity.MONTH)).singleElement()
                .extracting(PeriodActivity::activeUsers, PeriodActivity::knownUsers, PeriodActivity::stickiness)
                .containsExactly(0L, 1L, null);
        assertThat(r.daily()).hasSize(31).allMatch(d -> d.dau() == 0 && d.mau() == 0);
        assertThat(r.stickiness()).isZero();
        assertThat(r.retention().cohorts()).isEmpty();
    }

    @Test
    void aRangeEndingBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> ActivityOptions.defaults()
                .withRange(LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-01")))
                .isInstanceOf(PulseInputException.class)
                .hasMessage("from 2025-03-02 is after to 2025-03-01");
    }

    @Test
    void optionsListGranularitiesInDayWeekMonthOrder() {
        assertThat(ActivityOptions.defaults().withGranularities(Set.of(Granularity.MONTH, Granularity.DAY))
                .granularities()).containsExactly(Granularity.DAY, Granularity.MONTH);
        assertThat(List.copyOf(ActivityOptions.defaults().granularities()))
                .containsExactly(Granularity.DAY, Granularity.WEEK, Granularity.MONTH);
    }
}
