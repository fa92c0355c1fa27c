package io.pulse.store.activity;

import io.pulse.core.activity.ActivityOptions;
import io.pulse.core.activity.DailyEngagement;
import io.pulse.core.activity.Granularity;
import io.pulse.core.activity.PeriodActivity;
import io.pulse.core.activity.Percentiles;
import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.store.PulseStore;
import io.pulse.store.activity.StoreActivity.ActivityAnalysis;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import io.pulse.store.ingest.Mapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A generated store (2,000 users, 120 days) ingested into a real DuckDB file and analysed with the
 * defaults; every figure is recounted from events.csv and users.csv by plain Java that shares no
 * code with pulse-core (active = any event in the period; known = first event or sign-up, whichever
 * is earlier, on or before the period's last in-range day; percentiles by linear interpolation
 * between closest ranks).
 */
class StoreActivityTest {

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static ActivityAnalysis analysis;
    private static Recount recount;

    @BeforeAll
    static void generateIngestAndAnalyse() throws IOException {
        Path data = dir.resolve("data");
        StoreGenerator.generate(GeneratorConfig.defaults().withUsers(2_000).withDays(120).withSeed(20250101L), data, Progress.NONE);
        store = PulseStore.open(dir.resolve("pulse.duckdb"));
        Ingestor.ingestEvents(store, IngestRequest.of(data.resolve("events.csv"), Mapping.canonical()));
        Ingestor.ingestUsers(store, IngestRequest.of(data.resolve("users.csv"), Mapping.canonical()));
        analysis = StoreActivity.analyze(store, ActivityOptions.defaults(), ZoneOffset.UTC);
        recount = Recount.of(data.resolve("events.csv"), data.resolve("users.csv"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** The independent recount: per user, the UTC days with an event; sign-up days; session durations. */
    private record Recount(Map<String, Set<LocalDate>> days, Map<String, LocalDate> signups,
                           List<Double> sessions, Map<String, Double> sessionSecondsByUser) {

        static Recount of(Path events, Path users) throws IOException {
            Map<String, Set<LocalDate>> days = new HashMap<>();
            List<Double> sessions = new ArrayList<>();
            Map<String, Double> byUser = new HashMap<>();
            try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
                List<String> header = Arrays.asList(in.readLine().split(","));
                int user = header.indexOf("user_id");
                int ts = header.indexOf("ts");
                int type = header.indexOf("type");
                int duration = header.indexOf("duration_s");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(",", -1);
                    days.computeIfAbsent(f[user], k -> new HashSet<>())
                            .add(LocalDate.ofInstant(Instant.parse(f[ts]), ZoneOffset.UTC));
                    if (f[type].equals("session") && !f[duration].isEmpty()) {
                        double seconds = Double.parseDouble(f[duration]);
                        sessions.add(seconds);
                        byUser.merge(f[user], seconds, Double::sum);
                    }
                }
            }
            Map<String, LocalDate> signups = new HashMap<>();
            List<String> lines = Files.readAllLines(users, StandardCharsets.UTF_8);
            List<String> header = Arrays.asList(lines.get(0).split(","));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                String signup = f[header.indexOf("signup_date")];
                signups.put(f[header.indexOf("user_id")], signup.isEmpty() ? null : LocalDate.parse(signup));
            }
            return new Recount(days, signups, sessions, byUser);
        }

        LocalDate from() {
            return days.values().stream().flatMap(Set::stream).min(LocalDate::compareTo).orElseThrow();
        }

        LocalDate to() {
            return days.values().stream().flatMap(Set::stream).max(LocalDate::compareTo).orElseThrow();
        }

        Set<String> allUsers() {
            Set<String> all = new TreeSet<>(days.keySet());
            all.addAll(signups.keySet());
            return all;
        }

        /** Users with an event on a day in [first, last]. */
        long active(LocalDate first, LocalDate last) {
            return days.values().stream()
                    .filter(ds -> ds.stream().anyMatch(d -> !d.isBefore(first) && !d.isAfter(last)))
                    .count();
        }

        /** Users whose first event or sign-up, whichever is earlier, is on or before {@code day}. */
        long known(LocalDate day) {
            long n = 0;
            for (String u : allUsers()) {
                LocalDate first = days.containsKey(u) ? days.get(u).stream().min(LocalDate::compareTo).orElseThrow() : null;
                LocalDate signup = signups.get(u);
                LocalDate knownFrom = first == null ? signup : signup == null ? first : signup.isBefore(first) ? signup : first;
                if (knownFrom != null && !knownFrom.isAfter(day)) {
                    n++;
                }
            }
            return n;
        }

        /** "start..end active/known rate partial" for a period of whole days [start, end]. */
        String period(LocalDate start, LocalDate end) {
            LocalDate first = start.isBefore(from()) ? from() : start;
            LocalDate last = end.isAfter(to()) ? to() : end;
            long active = active(first, last);
            long known = known(last);
            boolean partial = start.isBefore(from()) || end.isAfter(to());
            return start + ".." + end + " " + active + "/" + known + " " + rate(active, known) + (partial ? " partial" : "");
        }
    }

    private static String rate(long active, long known) {
        return String.format(java.util.Locale.ROOT, "%.9f", known == 0 ? 0.0 : (double) active / known);
    }

    private static List<String> reported(Granularity g) {
        List<String> out = new ArrayList<>();
        for (PeriodActivity p : analysis.report().periods(g)) {
            out.add(p.start() + ".." + p.end() + " " + p.activeUsers() + "/" + p.knownUsers() + " "
                    + rate(p.activeUsers(), p.knownUsers()) + (p.partial() ? " partial" : ""));
            assertThat(p.activeRate()).isCloseTo(p.knownUsers() == 0 ? 0 : (double) p.activeUsers() / p.knownUsers(), within(1e-12));
        }
        return out;
    }

    /** Type 7 quantile (R's default, h = (n - 1) p), written out here from its definition. */
    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    private static void assertPercentiles(Percentiles actual, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(actual.count()).isEqualTo(sorted.length);
        assertThat(actual.mean()).isCloseTo(Arrays.stream(sorted).sum() / sorted.length, within(1e-9));
        assertThat(actual.p10()).isCloseTo(quantile(sorted, 0.10), within(1e-9));
        assertThat(actual.p25()).isCloseTo(quantile(sorted, 0.25), within(1e-9));
        assertThat(actual.p50()).isCloseTo(quantile(sorted, 0.50), within(1e-9));
        assertThat(actual.p75()).isCloseTo(quantile(sorted, 0.75), within(1e-9));
        assertThat(actual.p90()).isCloseTo(quantile(sorted, 0.90), within(1e-9));
        assertThat(actual.p99()).isCloseTo(quantile(sorted, 0.99), within(1e-9));
        assertThat(actual.max()).isEqualTo(sorted[sorted.length - 1]);
    }

    @Test
    void theRangeRunsFromTheFirstToTheLastDayWithAnEvent() {
        assertThat(analysis.report().from()).isEqualTo(recount.from());
        assertThat(analysis.report().to()).isEqualTo(recount.to());
        assertThat(analysis.report().users()).isEqualTo(recount.allUsers().size());
    }

    @Test
    void monthlyActiveUsersKnownUsersAndActiveRateMatchAPlainRecount() {
        List<String> expected = new ArrayList<>();
        for (YearMonth m = YearMonth.from(recount.from()); !m.isAfter(YearMonth.from(recount.to())); m = m.plusMonths(1)) {
            expected.add(recount.period(m.atDay(1), m.atEndOfMonth()));
        }

        assertThat(reported(Granularity.MONTH)).containsExactlyElementsOf(expected);
    }

    @Test
    void weeklyActiveUsersKnownUsersAndActiveRateMatchAPlainRecount() {
        List<String> expected = new ArrayList<>();
        LocalDate monday = recount.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (; !monday.isAfter(recount.to()); monday = monday.plusWeeks(1)) {
            expected.add(recount.period(monday, monday.plusDays(6)));
        }

        assertThat(reported(Granularity.WEEK)).containsExactlyElementsOf(expected);
    }

    @Test
    void dailyActiveUsersMatchAPlainRecountOnEveryDay() {
        for (DailyEngagement day : analysis.report().daily()) {
            assertThat(day.dau()).as("DAU on %s", day.date()).isEqualTo(recount.active(day.date(), day.date()));
        }
        assertThat(analysis.report().daily()).hasSize((int) (recount.to().toEpochDay() - recount.from().toEpochDay() + 1));
    }

    @Test
    void weeklyAndMonthlyActiveUsersCountTheTrailingDaysWithinTheRange() {
        for (DailyEngagement day : analysis.report().daily()) {
            LocalDate weekStart = day.date().minusDays(6).isBefore(recount.from()) ? recount.from() : day.date().minusDays(6);
            LocalDate monthStart = day.date().minusDays(29).isBefore(recount.from()) ? recount.from() : day.date().minusDays(29);
            assertThat(day.wau()).as("WAU on %s", day.date()).isEqualTo(recount.active(weekStart, day.date()));
            assertThat(day.mau()).as("MAU on %s", day.date()).isEqualTo(recount.active(monthStart, day.date()));
        }
    }

    @Test
    void knownUsersIncludeThoseWhoSignedUpBeforeTheirFirstEvent() {
        // The generated store has customers who signed up long before the period; the first month
        // must count them as known although their first event comes later.
        PeriodActivity january = analysis.report().periods(Granularity.MONTH).get(0);
        long knownByEventsAlone = recount.days().values().stream()
                .filter(ds -> ds.stream().anyMatch(d -> !d.isAfter(january.end()))).count();

        assertThat(january.knownUsers()).isGreaterThan(knownByEventsAlone);
    }

    @Test
    void browseTimeComesFromSessionEvents() {
        assertThat(analysis.browseSource()).isEqualTo("session");
    }

    @Test
    void perSessionBrowsePercentilesMatchAPlainRecount() {
        assertPercentiles(analysis.browse().perSessionSeconds(),
                recount.sessions().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void perUserBrowsePercentilesMatchAPlainRecount() {
        assertPercentiles(analysis.browse().perUserSeconds(),
                recount.sessionSecondsByUser().values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void perSessionBrowsePercentilesEqualDuckDbsQuantileCont() {
        Percentiles p = analysis.browse().perSessionSeconds();
        double[] reported = {p.p10(), p.p25(), p.p50(), p.p75(), p.p90(), p.p99()};
        double[] levels = {0.10, 0.25, 0.50, 0.75, 0.90, 0.99};

        for (int i = 0; i < levels.length; i++) {
            double sql = Double.parseDouble(io.pulse.store.TestFiles.scalar(store, "SELECT quantile_cont(duration_s, "
                    + levels[i] + ") FROM events WHERE type = 'session' AND duration_s IS NOT NULL"));
            assertThat(reported[i]).as("quantile %s", levels[i]).isCloseTo(sql, within(1e-9));
        }
        assertThat(p.count()).isEqualTo(store.scalarLong("SELECT count(duration_s) FROM events WHERE type = 'session'"));
    }
}
