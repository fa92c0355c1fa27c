package io.pulse.bench;

import io.pulse.core.activity.ActivityReport;
import io.pulse.core.activity.DailyEngagement;
import io.pulse.core.activity.Granularity;
import io.pulse.core.activity.LifecycleCounts;
import io.pulse.core.activity.PeriodActivity;
import io.pulse.core.activity.Percentiles;
import io.pulse.core.activity.RetentionCohort;
import io.pulse.store.activity.StoreActivity.ActivityAnalysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Holds Pulse's activity analysis against the hand-written SQL one, figure by figure, so the race
 * is known to be between two programs that compute the same thing. Counts must be equal; ratios
 * and seconds may differ in the last bits (sums taken in another order), so they are compared to
 * a relative 1e-9.
 */
final class ActivityCheck {

    private static final double TOLERANCE = 1e-9;

    private ActivityCheck() {
    }

    /** One family of figures: how many were compared and the first disagreement, if any. */
    record Check(String figures, int compared, String firstMismatch) {

        boolean matches() {
            return firstMismatch == null;
        }

        String line() {
            return String.format(Locale.ROOT, "%-62s %6d compared: %s", figures, compared,
                    matches() ? "match" : "MISMATCH, " + firstMismatch);
        }
    }

    static List<Check> compare(ActivityAnalysis pulse, SqlActivity.Result sql) {
        ActivityReport r = pulse.report();
        List<Check> out = new ArrayList<>();
        out.add(new Check("range (from, to)", 2, mismatch("range", r.from() + ".." + r.to(), sql.from() + ".." + sql.to())));
        for (Granularity g : Granularity.values()) {
            out.add(periods(g, r.periods(g), sql.periods().get(g)));
            out.add(lifecycle(g, r.lifecycle(g), sql.periods().get(g)));
        }
        out.add(daily(r.daily(), sql.daily()));
        out.add(stickiness(r, sql));
        out.add(retention(r.retention().cohorts(), sql.retention()));
        out.add(percentiles("browse seconds per session (quantile_cont)", pulse.browse().perSessionSeconds(),
                sql.perSession()));
        out.add(percentiles("browse seconds per user (quantile_cont)", pulse.browse().perUserSeconds(),
                sql.perUser()));
        return out;
    }

    private static Check periods(Granularity g, List<PeriodActivity> pulse, List<SqlActivity.Period> sql) {
        String name = label(g) + " active & known users, active rate";
        if (pulse.size() != sql.size()) {
            return new Check(name, 1, "periods: Pulse " + pulse.size() + ", SQL " + sql.size());
        }
        int n = 0;
        for (int i = 0; i < pulse.size(); i++) {
            PeriodActivity p = pulse.get(i);
            SqlActivity.Period q = sql.get(i);
            double rate = q.known() == 0 ? 0 : (double) q.active() / q.known();
            String bad = first(mismatch(p.period() + " start", p.start(), q.start()),
                    mismatch(p.period() + " active", p.activeUsers(), q.active()),
                    mismatch(p.period() + " known", p.knownUsers(), q.known()),
                    close(p.period() + " active rate", p.activeRate(), rate));
            n += 4;
            if (bad != null) {
                return new Check(name, n, bad);
            }
        }
        return new Check(name, n, null);
    }

    private static Check lifecycle(Granularity g, List<LifecycleCounts> pulse, List<SqlActivity.Period> sql) {
        String name = label(g) + " lifecycle (new/returning/resurrecting/dormant/lapsed)";
        if (pulse.size() != sql.size()) {
            return new Check(name, 1, "periods: Pulse " + pulse.size() + ", SQL " + sql.size());
        }
        int n = 0;
        for (int i = 0; i < pulse.size(); i++) {
            LifecycleCounts p = pulse.get(i);
            SqlActivity.Period q = sql.get(i);
            String bad = first(mismatch(p.period() + " new", p.newUsers(), q.newUsers()),
                    mismatch(p.period() + " returning", p.returning(), q.returning()),
                    mismatch(p.period() + " resurrecting", p.resurrecting(), q.resurrecting()),
                    mismatch(p.period() + " dormant", p.dormant(), q.dormant()),
                    mismatch(p.period() + " lapsed", p.lapsed(), q.lapsed()));
            n += 5;
            if (bad != null) {
                return new Check(name, n, bad);
            }
        }
        return new Check(name, n, null);
    }

    private static Check daily(List<DailyEngagement> pulse, List<SqlActivity.Daily> sql) {
        String name = "DAU / WAU / MAU per day";
        if (pulse.size() != sql.size()) {
            return new Check(name, 1, "days: Pulse " + pulse.size() + ", SQL " + sql.size());
        }
        int n = 0;
        for (int i = 0; i < pulse.size(); i++) {
            DailyEngagement p = pulse.get(i);
            SqlActivity.Daily q = sql.get(i);
            String bad = first(mismatch("day", p.date(), q.day()), mismatch(p.date() + " DAU", p.dau(), q.dau()),
                    mismatch(p.date() + " WAU", p.wau(), q.wau()), mismatch(p.date() + " MAU", p.mau(), q.mau()));
            n += 3;
            if (bad != null) {
                return new Check(name, n, bad);
            }
        }
        return new Check(name, n, null);
    }

    private static Check stickiness(ActivityReport r, SqlActivity.Result sql) {
        String name = "stickiness per month and overall, benchmark rate";
        int n = 0;
        for (PeriodActivity m : r.periods(Granularity.MONTH)) {
            Double q = sql.stickiness().get(m.start());
            String bad = m.stickiness() == null || q == null
                    ? mismatch(m.period() + " stickiness", m.stickiness(), q)
                    : close(m.period() + " stickiness", m.stickiness(), q);
            n++;
            if (bad != null) {
                return new Check(name, n, bad);
            }
        }
        String bad = first(close("overall stickiness", r.stickiness(), sql.overallStickiness()),
                close("mean monthly active rate", r.benchmark().activeRate(), sql.meanMonthlyActiveRate()));
        return new Check(name, n + 2, bad);
    }

    private static Check retention(List<RetentionCohort> pulse, Map<LocalDate, long[]> sql) {
        String name = "weekly retention matrix (cohort sizes and cells)";
        if (pulse.size() != sql.size()) {
            return new Check(name, 1, "cohorts: Pulse " + pulse.size() + ", SQL " + sql.size());
        }
        int n = 0;
        for (RetentionCohort c : pulse) {
            long[] row = sql.get(c.start());
            long[] mine = c.active().stream().mapToLong(Long::longValue).toArray();
            n += mine.length;
            if (!Arrays.equals(mine, row)) {
                return new Check(name, n, mismatch("cohort " + c.week(), Arrays.toString(mine), Arrays.toString(row)));
            }
        }
        return new Check(name, n, null);
    }

    private static Check percentiles(String name, Percentiles p, Percentiles q) {
        double[] a = {p.mean(), p.p10(), p.p25(), p.p50(), p.p75(), p.p90(), p.p99(), p.max()};
        double[] b = {q.mean(), q.p10(), q.p25(), q.p50(), q.p75(), q.p90(), q.p99(), q.max()};
        String[] names = {"mean", "p10", "p25", "p50", "p75", "p90", "p99", "max"};
        String bad = mismatch("count", p.count(), q.count());
        for (int i = 0; i < a.length && bad == null; i++) {
            bad = close(names[i], a[i], b[i]);
        }
        return new Check(name, a.length + 1, bad);
    }

    private static String label(Granularity g) {
        return switch (g) {
            case DAY -> "daily";
            case WEEK -> "weekly (ISO)";
            case MONTH -> "monthly";
        };
    }

    private static String first(String... mismatches) {
        return Arrays.stream(mismatches).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String mismatch(String what, Object pulse, Object sql) {
        return Objects.equals(pulse, sql) ? null : what + ": Pulse " + pulse + ", SQL " + sql;
    }

    private static String close(String what, double pulse, double sql) {
        return Math.abs(pulse - sql) <= TOLERANCE * Math.max(1, Math.abs(pulse)) ? null
                : what + ": Pulse " + pulse + ", SQL " + sql;
    }
}
