package io.pulse.core.activity;

/**
 * The periods of one granularity that overlap the analysed days [fromDay, toDay], numbered from 0,
 * with a table from each day of the range to its period so the hot loops never compute calendars.
 */
final class PeriodGrid {

    final Granularity granularity;
    final int fromDay;
    final int toDay;
    final int firstPeriod;
    final int count;
    /** indexOfDay[d - fromDay] is the number of the period holding day d. */
    final int[] indexOfDay;

    PeriodGrid(Granularity granularity, int fromDay, int toDay) {
        this.granularity = granularity;
        this.fromDay = fromDay;
        this.toDay = toDay;
        this.firstPeriod = granularity.periodOf(fromDay);
        this.count = granularity.periodOf(toDay) - firstPeriod + 1;
        this.indexOfDay = new int[toDay - fromDay + 1];
        for (int d = fromDay; d <= toDay; d++) {
            indexOfDay[d - fromDay] = granularity.periodOf(d) - firstPeriod;
        }
    }

    /** The period holding {@code epochDay}, which must be in the range. */
    int index(int epochDay) {
        return indexOfDay[epochDay - fromDay];
    }

    String label(int index) {
        return granularity.label(firstPeriod + index);
    }

    int firstDay(int index) {
        return (int) granularity.firstDay(firstPeriod + index).toEpochDay();
    }

    int lastDay(int index) {
        return (int) granularity.lastDay(firstPeriod + index).toEpochDay();
    }

    boolean partial(int index) {
        return firstDay(index) < fromDay || lastDay(index) > toDay;
    }
}
