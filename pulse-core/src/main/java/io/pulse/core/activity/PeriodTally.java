package io.pulse.core.activity;

/**
 * One pass over the rows for one granularity: who is active in which period, who is known, the
 * lifecycle of every period and, when asked, the weekly retention of first-active cohorts.
 */
final class PeriodTally {

    final PeriodGrid grid;
    final long[] active;
    final long[] known;
    final long[] newUsers;
    final long[] returning;
    final long[] resurrecting;
    final long[] lapsed;
    /** cohorts[f][k]: users first active in period f and active in period f + k; null rows are empty cohorts. */
    final long[][] cohorts;

    private PeriodTally(PeriodGrid grid, int cohortWidth) {
        this.grid = grid;
        int n = grid.count;
        active = new long[n];
        known = new long[n];
        newUsers = new long[n];
        returning = new long[n];
        resurrecting = new long[n];
        lapsed = new long[n];
        cohorts = cohortWidth > 0 ? new long[n][] : null;
    }

    /** Tallies {@code data}; {@code cohortWidth} > 0 also follows cohorts for that many periods. */
    static PeriodTally of(DailyActivity data, PeriodGrid grid, ActivityRule rule, int cohortWidth) {
        PeriodTally t = new PeriodTally(grid, cohortWidth);
        int[] activeIn = new int[grid.count];
        for (int u = 0; u < data.userCount(); u++) {
            int k = activePeriods(data, u, grid, rule, activeIn);
            t.addLifecycle(activeIn, k);
            if (t.cohorts != null && k > 0) {
                t.addCohort(activeIn, k, cohortWidth);
            }
        }
        t.countKnown(data);
        return t;
    }

    /**
     * Writes into {@code out}, in order, the periods in which {@code user} is active and returns
     * how many. Rows are sorted by day, so a period's rows are contiguous and one running sum
     * per period suffices.
     */
    private static int activePeriods(DailyActivity data, int user, PeriodGrid grid, ActivityRule rule, int[] out) {
        int[] days = data.days;
        int end = data.firstRowFrom(user, (long) grid.toDay + 1);
        int k = 0;
        int current = -1;
        long events = 0;
        long millis = 0;
        for (int row = data.firstRowFrom(user, grid.fromDay); row < end; row++) {
            int p = grid.indexOfDay[days[row] - grid.fromDay];
            if (p != current) {
                if (current >= 0 && rule.isActive(events, millis)) {
                    out[k++] = current;
                }
                current = p;
                events = 0;
                millis = 0;
            }
            events += data.events[row];
            millis += data.browseMillis[row];
        }
        if (current >= 0 && rule.isActive(events, millis)) {
            out[k++] = current;
        }
        return k;
    }

    private void addLifecycle(int[] activeIn, int k) {
        for (int i = 0; i < k; i++) {
            int p = activeIn[i];
            active[p]++;
            if (i == 0) {
                newUsers[p]++;
            } else if (activeIn[i - 1] == p - 1) {
                returning[p]++;
            } else {
                resurrecting[p]++;
                lapsed[activeIn[i - 1] + 1]++;
            }
        }
        if (k > 0 && activeIn[k - 1] + 1 < grid.count) {
            lapsed[activeIn[k - 1] + 1]++;
        }
    }

    private void addCohort(int[] activeIn, int k, int width) {
        int first = activeIn[0];
        if (cohorts[first] == null) {
            cohorts[first] = new long[Math.min(width, grid.count - first)];
        }
        long[] row = cohorts[first];
        for (int i = 0; i < k && activeIn[i] - first < row.length; i++) {
            row[activeIn[i] - first]++;
        }
    }

    /** A user known on day d is known in d's period and every later one; users known after the range never are. */
    private void countKnown(DailyActivity data) {
        for (int u = 0; u < data.userCount(); u++) {
            int day = data.knownFromDay(u);
            if (day <= grid.toDay) {
                known[day <= grid.fromDay ? 0 : grid.index(day)]++;
            }
        }
        for (int p = 1; p < known.length; p++) {
            known[p] += known[p - 1];
        }
    }

    long dormant(int p) {
        return known[p] - active[p];
    }

    double activeRate(int p) {
        return known[p] == 0 ? 0 : (double) active[p] / known[p];
    }
}
