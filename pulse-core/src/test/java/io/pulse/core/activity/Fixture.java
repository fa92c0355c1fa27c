package io.pulse.core.activity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small {@link DailyActivity} fixtures written with dates, in any order. */
final class Fixture {

    private record Row(int user, int day, int events, double browseSeconds) {
    }

    private final int users;
    private final Map<Integer, Integer> known = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();

    private Fixture(int users) {
        this.users = users;
    }

    static Fixture users(int count) {
        return new Fixture(count);
    }

    static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    Fixture known(int user, String date) {
        known.put(user, day(date));
        return this;
    }

    /** One event without browse time on each of {@code dates}. */
    Fixture events(int user, String... dates) {
        for (String date : dates) {
            row(user, date, 1, 0);
        }
        return this;
    }

    /** Every day from {@code first} to {@code last}, one event each. */
    Fixture everyDay(int user, String first, String last) {
        for (int d = day(first); d <= day(last); d++) {
            rows.add(new Row(user, d, 1, 0));
        }
        return this;
    }

    Fixture row(int user, String date, int events, double browseSeconds) {
        rows.add(new Row(user, day(date), events, browseSeconds));
        return this;
    }

    DailyActivity build() {
        DailyActivity.Builder b = DailyActivity.builder(users);
        known.forEach(b::knownFrom);
        rows.stream()
                .sorted(Comparator.comparingInt(Row::user).thenComparingInt(Row::day))
                .forEach(r -> b.add(r.user(), r.day(), r.events(), r.browseSeconds()));
        return b.build();
    }

    ActivityReport analyze(ActivityOptions options) {
        return ActivityAnalyzer.analyze(build(), options);
    }

    ActivityReport analyze(String from, String to) {
        return analyze(ActivityOptions.defaults().withRange(LocalDate.parse(from), LocalDate.parse(to)));
    }

    ActivityReport analyze(String from, String to, ActivityDefinition definition) {
        return analyze(ActivityOptions.defaults().withDefinition(definition)
                .withRange(LocalDate.parse(from), LocalDate.parse(to)));
    }

    /** The one period of {@code granularity} labelled {@code label}. */
    static PeriodActivity period(ActivityReport report, Granularity granularity, String label) {
        return report.periods(granularity).stream().filter(p -> p.period().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + granularity + " period " + label));
    }

    static DailyEngagement on(ActivityReport report, String date) {
        LocalDate d = LocalDate.parse(date);
        return report.daily().stream().filter(e -> e.date().equals(d)).findFirst()
                .orElseThrow(() -> new AssertionError("no day " + date));
    }
}
