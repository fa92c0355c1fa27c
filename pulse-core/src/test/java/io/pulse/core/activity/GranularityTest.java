package io.pulse.core.activity;

import static io.pulse.core.activity.Fixture.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GranularityTest {

    @Test
    void aDayIsLabelledWithItsIsoDate() {
        assertThat(Granularity.DAY.label(Granularity.DAY.periodOf(day("2025-03-05")))).isEqualTo("2025-03-05");
    }

    @Test
    void anIsoWeekRunsFromMondayToSunday() {
        // 2025-03-02 is a Sunday (end of W09), 2025-03-03 a Monday (start of W10).
        int sunday = Granularity.WEEK.periodOf(day("2025-03-02"));
        int monday = Granularity.WEEK.periodOf(day("2025-03-03"));
        assertThat(monday).isEqualTo(sunday + 1);
        assertThat(Granularity.WEEK.periodOf(day("2025-03-09"))).isEqualTo(monday);
        assertThat(Granularity.WEEK.firstDay(monday)).isEqualTo("2025-03-03");
        assertThat(Granularity.WEEK.lastDay(monday)).isEqualTo("2025-03-09");
        assertThat(Granularity.WEEK.label(monday)).isEqualTo("2025-W10");
    }

    @Test
    void theThirtiethOfDecember2024IsInTheFirstWeekOf2025() {
        int week = Granularity.WEEK.periodOf(day("2024-12-30"));
        assertThat(Granularity.WEEK.label(week)).isEqualTo("2025-W01");
    }

    @Test
    void theThirdOfJanuary2021IsInWeek53Of2020() {
        int week = Granularity.WEEK.periodOf(day("2021-01-03"));
        assertThat(Granularity.WEEK.label(week)).isEqualTo("2020-W53");
        assertThat(Granularity.WEEK.firstDay(week)).isEqualTo("2020-12-28");
    }

    @Test
    void aMonthRunsFromItsFirstToItsLastDay() {
        int february = Granularity.MONTH.periodOf(day("2024-02-29"));
        assertThat(Granularity.MONTH.periodOf(day("2024-03-01"))).isEqualTo(february + 1);
        assertThat(Granularity.MONTH.firstDay(february)).isEqualTo("2024-02-01");
        assertThat(Granularity.MONTH.lastDay(february)).isEqualTo("2024-02-29");
        assertThat(Granularity.MONTH.label(february)).isEqualTo("2024-02");
    }

    @Test
    void aMonthIdCrossesTheYearByOne() {
        assertThat(Granularity.MONTH.periodOf(day("2025-01-01")))
                .isEqualTo(Granularity.MONTH.periodOf(day("2024-12-31")) + 1);
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void periodsAgreeWithJavaTimeForEveryDayFrom1960To2040(Granularity g) {
        int previous = g.periodOf(day("1959-12-31"));
        for (int d = day("1960-01-01"); d <= day("2040-12-31"); d++) {
            LocalDate date = LocalDate.ofEpochDay(d);
            int period = g.periodOf(d);
            assertThat(period - previous).isBetween(0, 1);
            assertThat(g.firstDay(period)).isBeforeOrEqualTo(date);
            assertThat(g.lastDay(period)).isAfterOrEqualTo(date);
            assertThat(g.label(period)).isEqualTo(switch (g) {
                case DAY -> date.toString();
                case WEEK -> date.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                        + String.format("%02d", date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case MONTH -> YearMonth.from(date).toString();
            });
            previous = period;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"day", "WEEK", "Month", " month "})
    void parseAcceptsTheNamesInAnyCase(String text) {
        assertThat(Granularity.parse(text).name()).isEqualToIgnoringCase(text.trim());
    }

    @Test
    void parseRejectsOtherWordsSayingWhatItAccepts() {
        assertThatThrownBy(() -> Granularity.parse("quarter"))
                .isInstanceOf(PulseInputException.class)
                .hasMessage("granularity must be day, week or month, got 'quarter'");
    }
}
