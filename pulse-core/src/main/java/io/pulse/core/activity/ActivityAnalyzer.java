package io.pulse.core.activity;

import io.pulse.core.PulseInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link DailyActivity} into an {@link ActivityReport}. Each granularity costs one pass
 * over the rows and each trailing window (7 and 30 days) another, all over primitive arrays.
 * Day, week and month are always tallied, whatever was requested, because DAU feeds stickiness,
 * weeks feed retention and months feed the benchmark.
 */
public final class ActivityAnalyzer {

    private static final int WAU_DAYS = 7;
    private static final int MAU_DAYS = 30;

    private ActivityAnalyzer() {
    }

    public static ActivityReport analyze(DailyActivity data, ActivityOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        if (data.rows() == 0 && (options.from() == null || options.to() == null)) {
            throw new PulseInputException(null, 0, "from",
                    "there is no activity in the data to take the date range from; give from and to");
        }
        LocalDate from = options.from() != null ? options.from() : data.firstDay();
        LocalDate to = options.to() != null ? options.to() : data.lastDay();
        if (from.isAfter(to)) {
            throw new PulseInputException(null, 0, "from", "from " + from + " is after to " + to);
        }
        int fromDay = Math.toIntExact(from.toEpochDay());
        int toDay = Math.toIntExact(to.toEpochDay());
        ActivityRule rule = ActivityRule.of(options.definition());

        Map<Granularity, PeriodTally> tallies = new EnumMap<>(Granularity.class);
        for (Granularity g : Granularity.values()) {
            int cohortWidth = g == Granularity.WEEK ? options.retentionWeeks() : 0;
            tallies.put(g, PeriodTally.of(data, new PeriodGrid(g, fromDay, toDay), rule, cohortWidth));
        }
        long[] dau = tallies.get(Granularity.DAY).active;
        long[] wau = TrailingWindow.activeUsers(data, fromDay, toDay, WAU_DAYS, rule);
        long[] mau = TrailingWindow.activeUsers(data, fromDay, toDay, MAU_DAYS, rule);
        PeriodTally months = tallies.get(Granularity.MONTH);
        Double[] stickiness = monthlyStickiness(months, dau);

        List<PeriodActivity> periods = new ArrayList<>();
        List<LifecycleCounts> lifecycle = new ArrayList<>();
        for (Granularity g : options.granularities()) {
            PeriodTally t = tallies.get(g);
            PeriodGrid grid = t.grid;
            for (int p = 0; p < grid.count; p++) {
                periods.add(new PeriodActivity(g, grid.label(p),
                        LocalDate.ofEpochDay(grid.firstDay(p)), LocalDate.ofEpochDay(grid.lastDay(p)),
                        t.active[p], t.known[p], t.activeRate(p), grid.partial(p),
                        g == Granularity.MONTH ? stickiness[p] : null));
                lifecycle.add(new LifecycleCounts(g, grid.label(p), t.newUsers[p], t.returning[p],
                        t.resurrecting[p], t.dormant(p), t.lapsed[p]));
            }
        }
        List<DailyEngagement> daily = new ArrayList<>(dau.length);
        for (int d = 0; d < dau.length; d++) {
            daily.add(new DailyEngagement(LocalDate.ofEpochDay((long) fromDay + d), dau[d], wau[d], mau[d]));
        }
        return new ActivityReport(periods, daily, overallStickiness(months, stickiness),
                retention(tallies.get(Granularity.WEEK), options.retentionWeeks()), lifecycle,
                benchmark(months, options.band()), options.definition(), from, to, data.userCount());
    }

    /** Per month: mean DAU over its in-range days divided by its active users; null without any. */
    private static Double[] monthlyStickiness(PeriodTally months, long[] dau) {
        PeriodGrid grid = months.grid;
        long[] dauSum = new long[grid.count];
        int[] days = new int[grid.count];
        for (int d = 0; d < dau.length; d++) {
            dauSum[grid.indexOfDay[d]] += dau[d];
            days[grid.indexOfDay[d]]++;
        }
        Double[] stickiness = new Double[grid.count];
        for (int p = 0; p < grid.count; p++) {
            if (months.active[p] > 0) {
                stickiness[p] = (double) dauSum[p] / days[p] / months.active[p];
            }
        }
        return stickiness;
    }

    /** The mean over complete months, so a few days of a month at either edge do not skew it. */
    private static double overallStickiness(PeriodTally months, Double[] stickiness) {
        return MonthlyMean.of(stickiness, months.grid).value();
    }

    private static RetentionMatrix retention(PeriodTally weeks, int maxWeeks) {
        List<RetentionCohort> cohorts = new ArrayList<>();
        for (int f = 0; f < weeks.grid.count; f++) {
            long[] row = weeks.cohorts[f];
            if (row == null) {
                continue;
            }
            List<Long> active = new ArrayList<>(row.length);
            List<Double> rates = new ArrayList<>(row.length);
            for (int k = 0; k < row.length; k++) {
                // A week the range cuts at its end would show a false drop in retention; it is left out.
                if (k > 0 && weeks.grid.lastDay(f + k) > weeks.grid.toDay) {
                    break;
                }
                active.add(row[k]);
                rates.add((double) row[k] / row[0]);
            }
            cohorts.add(new RetentionCohort(weeks.grid.label(f), LocalDate.ofEpochDay(weeks.grid.firstDay(f)),
                    row[0], active, rates));
        }
        return new RetentionMatrix(maxWeeks, cohorts);
    }

    /**
     * Compares the mean monthly active rate with the band. Months with no known users are left
     * out because they have no rate at all.
     */
    private static BenchmarkVerdict benchmark(PeriodTally months, BenchmarkBand band) {
        Double[] rates = new Double[months.grid.count];
        for (int p = 0; p < rates.length; p++) {
            rates[p] = months.known[p] > 0 ? months.activeRate(p) : null;
        }
        MonthlyMean mean = MonthlyMean.of(rates, months.grid);
        return verdict(band, mean.value(), mean.months(), mean.full());
    }

    /**
     * The mean of the monthly values that exist (non-null), over complete months when there are
     * any, since a partial month sees fewer days; over all months otherwise; 0 over none.
     */
    private record MonthlyMean(double value, int months, boolean full) {

        static MonthlyMean of(Double[] values, PeriodGrid grid) {
            MonthlyMean full = over(values, grid, true);
            return full.months() > 0 ? full : over(values, grid, false);
        }

        private static MonthlyMean over(Double[] values, PeriodGrid grid, boolean fullOnly) {
            double sum = 0;
            int n = 0;
            for (int p = 0; p < values.length; p++) {
                if (values[p] != null && !(fullOnly && grid.partial(p))) {
                    sum += values[p];
                    n++;
                }
            }
            return new MonthlyMean(n == 0 ? 0 : sum / n, n, fullOnly);
        }
    }

    static BenchmarkVerdict verdict(BenchmarkBand band, double rate, int months, boolean fullMonths) {
        String position = rate < band.low() ? "below" : rate > band.high() ? "above" : "within";
        String bandText = percent(band.low()) + "–" + percent(band.high()) + "%";
        if (months == 0) {
            return new BenchmarkVerdict(band.low(), band.high(), rate, position,
                    "No month in the range has known customers, so there is no monthly active rate to compare"
                            + " with the industry band of " + bandText + ".");
        }
        String over = months + (fullMonths ? " full month" : " partial month") + (months == 1 ? "" : "s");
        String advice = switch (position) {
            case "below" -> "Look at who lapses after their first month (retention table) before buying more"
                    + " traffic.";
            case "within" -> "Watch the lapsed and resurrecting counts (lifecycle table) to stay there.";
            default -> "Check that the activity definition is strict enough to mean real engagement before"
                    + " celebrating.";
        };
        String sentence = String.format(Locale.ROOT,
                "Your monthly active rate averages %.1f%% over %s, %s the industry band of %s: %s. %s",
                rate * 100, over, position, bandText, share(rate), advice);
        return new BenchmarkVerdict(band.low(), band.high(), rate, position, sentence);
    }

    /** "about 1 in 4" reads better than a second percentage; above one half, tenths read better. */
    private static String share(double rate) {
        if (rate == 0) {
            return "no known customer does anything in a month";
        }
        if (rate < 0.5) {
            return "about 1 in " + Math.round(1 / rate) + " known customers does anything in a month";
        }
        if (rate == 1) {
            return "every known customer does something in a month";
        }
        long tenths = Math.round(rate * 10);
        return tenths == 10
                ? "nearly every known customer does something in a month"
                : "about " + tenths + " in 10 known customers do something in a month";
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
