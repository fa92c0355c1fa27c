package io.pulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random data with random definitions, checked against a slow reference that follows the
 * definitions in {@code package-info.java} literally: for each period, sum each user's rows over
 * its in-range days with boxed maps and sets.
 */
class ActivityPropertiesTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    private record Row(int user, int day, int events, double browseSeconds) {
    }

    /** The generated input, the analyzer's report on it and the brute-force reference. */
    private static final class Case {
        final int users;
        final int[] knownGiven;
        final List<Row> rows = new ArrayList<>();
        final ActivityOptions options;
        final ActivityReport report;
        final int from;
        final int to;
        /** user -> day -> {events, browse seconds}, duplicates summed. */
        final Map<Integer, Map<Integer, double[]>> byUserDay = new HashMap<>();
        final int[] known;

        Case(long seed) {
            Random rnd = new Random(seed);
            users = 1 + rnd.nextInt(25);
            int start = (int) LocalDate.of(2019, 1, 1).toEpochDay() + rnd.nextInt(2500);
            int length = 1 + rnd.nextInt(120);
            knownGiven = new int[users];
            for (int u = 0; u < users; u++) {
                // Now and then the store has no known-from day for a user.
                knownGiven[u] = rnd.nextInt(5) == 0
                        ? DailyActivity.NEVER_KNOWN
                        : start - 20 + rnd.nextInt(length + 30);
                int n = rnd.nextInt(Math.min(40, length + 20) + 1);
                for (int i = 0; i < n; i++) {
                    // Half seconds add up exactly as doubles, so the reference needs no tolerance.
                    rows.add(new Row(u, start - 10 + rnd.nextInt(length + 20), rnd.nextInt(4),
                            rnd.nextInt(121) / 2.0));
                }
            }
            rows.sort(Comparator.comparingInt(Row::user).thenComparingInt(Row::day));
            DailyActivity.Builder b = DailyActivity.builder(users);
            for (int u = 0; u < users; u++) {
                if (knownGiven[u] != DailyActivity.NEVER_KNOWN) {
                    b.knownFrom(u, knownGiven[u]);
                }
            }
            rows.forEach(r -> b.add(r.user(), r.day(), r.events(), r.browseSeconds()));
            DailyActivity data = b.build();

            ActivityDefinition definition = new ActivityDefinition(Set.of(), 1 + rnd.nextInt(3),
                    new double[] {0, 0, 10, 30.5}[rnd.nextInt(4)]);
            boolean rangeFromData = !rows.isEmpty() && rnd.nextBoolean();
            options = ActivityOptions.defaults().withDefinition(definition).withRetentionWeeks(1 + rnd.nextInt(6))
                    .withRange(rangeFromData ? null : LocalDate.ofEpochDay(start),
                            rangeFromData ? null : LocalDate.ofEpochDay(start + length - 1));
            report = ActivityAnalyzer.analyze(data, options);

            from = rangeFromData ? rows.stream().mapToInt(Row::day).min().orElseThrow() : start;
            to = rangeFromData ? rows.stream().mapToInt(Row::day).max().orElseThrow() : start + length - 1;
            known = knownGiven.clone();
            for (Row r : rows) {
                known[r.user()] = Math.min(known[r.user()], r.day());
                double[] sums = byUserDay.computeIfAbsent(r.user(), k -> new HashMap<>())
                        .computeIfAbsent(r.day(), k -> new double[2]);
                sums[0] += r.events();
                sums[1] += r.browseSeconds();
            }
        }

        /** Users active over the days first..last, clipped to the range. */
        Set<Integer> activeUsers(int first, int last) {
            Set<Integer> active = new HashSet<>();
            for (int u = 0; u < users; u++) {
                double events = 0;
                double browse = 0;
                for (int d = Math.max(first, from); d <= Math.min(last, to); d++) {
                    double[] sums = byUserDay.getOrDefault(u, Map.of()).get(d);
                    if (sums != null) {
                        events += sums[0];
                        browse += sums[1];
                    }
                }
                if (events >= options.definition().minEvents()
                        && browse >= options.definition().minBrowseSeconds()) {
                    active.add(u);
                }
            }
            return active;
        }

        Set<Integer> knownUsers(int lastDay) {
            Set<Integer> k = new HashSet<>();
            for (int u = 0; u < users; u++) {
                if (known[u] <= Math.min(lastDay, to)) {
                    k.add(u);
                }
            }
            return k;
        }

        /** Active users per period of {@code g}, in order. */
        List<Set<Integer>> activeByPeriod(Granularity g) {
            List<Set<Integer>> active = new ArrayList<>();
            for (int p = g.periodOf(from); p <= g.periodOf(to); p++) {
                active.add(activeUsers(day(g.firstDay(p)), day(g.lastDay(p))));
            }
            return active;
        }
    }

    private static int day(LocalDate date) {
        return (int) date.toEpochDay();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void periodFiguresMatchABruteForceCount(long seed) {
        Case c = new Case(seed);
        for (Granularity g : Granularity.values()) {
            List<PeriodActivity> periods = c.report.periods(g);
            List<Set<Integer>> active = c.activeByPeriod(g);
            assertThat(periods).hasSize(active.size());
            for (int i = 0; i < periods.size(); i++) {
                int id = g.periodOf(c.from) + i;
                long known = c.knownUsers(day(g.lastDay(id))).size();
                PeriodActivity p = periods.get(i);
                assertThat(p.period()).isEqualTo(g.label(id));
                assertThat(p.activeUsers()).as("%s %s active", g, p.period()).isEqualTo(active.get(i).size());
                assertThat(p.knownUsers()).as("%s %s known", g, p.period()).isEqualTo(known);
                assertThat(p.activeRate()).isEqualTo(known == 0 ? 0 : (double) active.get(i).size() / known);
                assertThat(p.partial()).isEqualTo(day(g.firstDay(id)) < c.from || day(g.lastDay(id)) > c.to);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void dailyWeeklyAndMonthlyActiveUsersMatchABruteForceCount(long seed) {
        Case c = new Case(seed);
        List<DailyEngagement> daily = c.report.daily();
        assertThat(daily).hasSize(c.to - c.from + 1);
        for (int t = c.from; t <= c.to; t++) {
            DailyEngagement e = daily.get(t - c.from);
            assertThat(e.date()).isEqualTo(LocalDate.ofEpochDay(t));
            assertThat(e.dau()).as("DAU %s", e.date()).isEqualTo(c.activeUsers(t, t).size());
            assertThat(e.wau()).as("WAU %s", e.date()).isEqualTo(c.activeUsers(t - 6, t).size());
            assertThat(e.mau()).as("MAU %s", e.date()).isEqualTo(c.activeUsers(t - 29, t).size());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void dauNeverExceedsWauNorWauMau(long seed) {
        assertThat(new Case(seed).report.daily()).allSatisfy(e -> {
            assertThat(e.dau()).isLessThanOrEqualTo(e.wau());
            assertThat(e.wau()).isLessThanOrEqualTo(e.mau());
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lifecycleAddsUpToActiveAndKnownUsers(long seed) {
        ActivityReport r = new Case(seed).report;
        assertThat(r.lifecycle()).hasSameSizeAs(r.periods());
        for (int i = 0; i < r.periods().size(); i++) {
            PeriodActivity p = r.periods().get(i);
            LifecycleCounts l = r.lifecycle().get(i);
            assertThat(l.period()).isEqualTo(p.period());
            assertThat(l.newUsers() + l.returning() + l.resurrecting()).isEqualTo(p.activeUsers());
            assertThat(l.newUsers() + l.returning() + l.resurrecting() + l.dormant()).isEqualTo(p.knownUsers());
            assertThat(l.lapsed()).isLessThanOrEqualTo(l.dormant());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lifecycleMatchesABruteForceCount(long seed) {
        Case c = new Case(seed);
        for (Granularity g : Granularity.values()) {
            List<Set<Integer>> active = c.activeByPeriod(g);
            List<LifecycleCounts> lifecycle = c.report.lifecycle(g);
            Set<Integer> everActive = new HashSet<>();
            for (int i = 0; i < active.size(); i++) {
                Set<Integer> now = active.get(i);
                Set<Integer> previous = i == 0 ? Set.of() : active.get(i - 1);
                long fresh = now.stream().filter(u -> !everActive.contains(u)).count();
                long returning = now.stream().filter(previous::contains).count();
                long resurrecting = now.stream()
                        .filter(u -> !previous.contains(u) && everActive.contains(u)).count();
                long lapsed = previous.stream().filter(u -> !now.contains(u)).count();
                long dormant = c.knownUsers(day(g.lastDay(g.periodOf(c.from) + i))).stream()
                        .filter(u -> !now.contains(u)).count();
                assertThat(lifecycle.get(i)).as("%s %d", g, i).isEqualTo(new LifecycleCounts(g,
                        lifecycle.get(i).period(), fresh, returning, resurrecting, dormant, lapsed));
                everActive.addAll(now);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void retentionMatchesABruteForceCount(long seed) {
        Case c = new Case(seed);
        List<Set<Integer>> weeks = c.activeByPeriod(Granularity.WEEK);
        Map<Integer, List<Integer>> cohorts = new TreeMap<>();
        for (int u = 0; u < c.users; u++) {
            for (int w = 0; w < weeks.size(); w++) {
                if (weeks.get(w).contains(u)) {
                    cohorts.computeIfAbsent(w, k -> new ArrayList<>()).add(u);
                    break;
                }
            }
        }
        int maxWeeks = c.options.retentionWeeks();
        List<RetentionCohort> expected = new ArrayList<>();
        cohorts.forEach((w, members) -> {
            List<Long> active = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (int k = 0; k < Math.min(maxWeeks, weeks.size() - w); k++) {
                int weekId = Granularity.WEEK.periodOf(c.from) + w + k;
                if (k > 0 && Granularity.WEEK.lastDay(weekId).toEpochDay() > c.to) {
                    break;
                }
                long n = members.stream().filter(weeks.get(w + k)::contains).count();
                active.add(n);
                rates.add((double) n / members.size());
            }
            int id = Granularity.WEEK.periodOf(c.from) + w;
            expected.add(new RetentionCohort(Granularity.WEEK.label(id), Granularity.WEEK.firstDay(id),
                    members.size(), active, rates));
        });
        assertThat(c.report.retention()).isEqualTo(new RetentionMatrix(maxWeeks, expected));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void monthStickinessMatchesABruteForceCount(long seed) {
        Case c = new Case(seed);
        List<PeriodActivity> months = c.report.periods(Granularity.MONTH);
        for (int i = 0; i < months.size(); i++) {
            int id = Granularity.MONTH.periodOf(c.from) + i;
            int first = Math.max(c.from, day(Granularity.MONTH.firstDay(id)));
            int last = Math.min(c.to, day(Granularity.MONTH.lastDay(id)));
            double dauSum = 0;
            for (int d = first; d <= last; d++) {
                dauSum += c.activeUsers(d, d).size();
            }
            long active = c.activeUsers(first, last).size();
            if (active == 0) {
                assertThat(months.get(i).stickiness()).isNull();
            } else {
                assertThat(months.get(i).stickiness()).isCloseTo(dauSum / (last - first + 1) / active,
                        within(1e-12));
            }
        }
    }
}
