package io.pulse.core.activity;

import static io.pulse.core.activity.Fixture.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DailyActivityTest {

    @Test
    void daysOutOfOrderWithinAUserAreRejectedNamingTheRow() {
        DailyActivity.Builder b = DailyActivity.builder(1)
                .add(0, day("2024-10-04"), 1, 0).add(0, day("2024-10-03"), 1, 0);
        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 1 (user 0, 2024-10-03) comes after row 0 (user 0, 2024-10-04):"
                        + " rows must be sorted by user, then day");
    }

    @Test
    void anEarlierUserAfterALaterOneIsRejected() {
        DailyActivity.Builder b = DailyActivity.builder(2).add(1, 10, 1, 0).add(0, 11, 1, 0);
        assertThatThrownBy(b::build).hasMessageStartingWith("row 1 (user 0");
    }

    @Test
    void twoRowsForTheSameUserAndDayAreAccepted() {
        DailyActivity data = DailyActivity.builder(1).add(0, 10, 1, 0).add(0, 10, 2, 0).build();
        assertThat(data.rows()).isEqualTo(2);
    }

    @Test
    void aKnownFromDayAfterTheFirstRowIsLoweredToIt() {
        DailyActivity data = DailyActivity.builder(1).knownFrom(0, 20).add(0, 15, 1, 0).add(0, 25, 1, 0).build();
        assertThat(data.knownFromDay(0)).isEqualTo(15);
    }

    @Test
    void aKnownFromDayBeforeTheFirstRowIsKept() {
        DailyActivity data = DailyActivity.builder(1).knownFrom(0, 5).add(0, 15, 1, 0).build();
        assertThat(data.knownFromDay(0)).isEqualTo(5);
    }

    @Test
    void aUserMayBeKnownWithoutAnyRows() {
        DailyActivity data = DailyActivity.builder(3).knownFrom(1, 7)
                .add(0, 10, 1, 0).add(2, 11, 1, 0).build();
        assertThat(data.firstRow(1)).isEqualTo(data.endRow(1)).isEqualTo(1);
        assertThat(data.firstRow(2)).isEqualTo(1);
        assertThat(data.endRow(2)).isEqualTo(2);
    }

    @Test
    void aUserWithNeitherRowsNorAKnownFromDayIsNeverKnown() {
        DailyActivity data = DailyActivity.builder(2).add(0, 10, 1, 0).build();
        assertThat(data.knownFromDay(1)).isEqualTo(DailyActivity.NEVER_KNOWN);
    }

    @Test
    void aUserWithRowsButNoKnownFromDayIsKnownFromTheFirstRow() {
        DailyActivity data = DailyActivity.builder(1).add(0, 10, 1, 0).add(0, 12, 1, 0).build();
        assertThat(data.knownFromDay(0)).isEqualTo(10);
    }

    @Test
    void aUserOutsideTheCountIsRejectedWhenAdded() {
        assertThatThrownBy(() -> DailyActivity.builder(2).add(2, 10, 1, 0))
                .hasMessage("row 0: user 2 is outside 0..1");
    }

    @Test
    void negativeEventsAreRejectedWhenAdded() {
        assertThatThrownBy(() -> DailyActivity.builder(1).add(0, 10, -1, 0))
                .hasMessage("row 0: events must be >= 0, got -1");
    }

    @Test
    void browseSecondsAreKeptToTheMillisecond() {
        DailyActivity data = DailyActivity.builder(1).add(0, 10, 1, 1.2344).add(0, 11, 1, 1.2346).build();
        assertThat(data.browseSeconds(0)).isEqualTo(1.234);
        assertThat(data.browseSeconds(1)).isEqualTo(1.235);
    }

    @Test
    void columnsGrowPastTheirInitialCapacity() {
        DailyActivity.Builder b = DailyActivity.builder(1, 1);
        for (int d = 0; d < 100; d++) {
            b.add(0, d, d, d);
        }
        DailyActivity data = b.build();
        assertThat(data.rows()).isEqualTo(100);
        assertThat(data.epochDay(99)).isEqualTo(99);
        assertThat(data.events(99)).isEqualTo(99);
        assertThat(data.browseSeconds(99)).isEqualTo(99.0);
        assertThat(data.firstDay()).isEqualTo("1970-01-01");
        assertThat(data.lastDay()).isEqualTo("1970-04-10");
    }

    @Test
    void aBuilderBuildsOnce() {
        DailyActivity.Builder b = DailyActivity.builder(1).add(0, 10, 1, 0);
        b.build();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.add(0, 11, 1, 0)).isInstanceOf(IllegalStateException.class);
    }
}
