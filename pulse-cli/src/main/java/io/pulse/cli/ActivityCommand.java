package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.activity.ActivityDefinition;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.core.activity.ActivityReport;
import io.pulse.core.activity.BenchmarkBand;
import io.pulse.core.activity.DailyEngagement;
import io.pulse.core.activity.Granularity;
import io.pulse.core.activity.PeriodActivity;
import io.pulse.core.activity.Percentiles;
import io.pulse.core.activity.RetentionCohort;
import io.pulse.server.api.ActivityJson;
import io.pulse.store.PulseStore;
import io.pulse.store.activity.StoreActivity;
import io.pulse.store.activity.StoreActivity.ActivityAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "activity", mixinStandardHelpOptions = true,
        description = {"Shows how active the customer base is, against the industry band.",
                "Per day, ISO week and month: active and known users, active rate; DAU/WAU/MAU and",
                "stickiness, a weekly retention cohort matrix, lifecycle counts",
                "(new, returning, resurrecting, dormant), browse-time percentiles, and the active rate held",
                "against a benchmark band (default 30-40%) with a plain verdict.",
                "",
                "Active in a period: at least --min-events events of --types (default: 1 event of any type).",
                "Known in a period: first event or signup on or before the period's last day."},
        footer = {"", "Examples:",
                "  pulse activity",
                "  pulse activity --types purchase,cart --min-events 1 --json activity.json",
                "  pulse activity --from 2025-03-01 --to 2025-08-31 --zone Europe/Berlin --band 0.25-0.35"})
final class ActivityCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--granularity", split = ",", paramLabel = "day|week|month",
            description = "Periods for the JSON output (default: all three). The terminal shows months and recent weeks.")
    List<String> granularities = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "First day (default: the first event).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day (default: the last event).")
    LocalDate to;

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "Event types that count as activity (default: all).")
    List<String> types;

    @Option(names = "--min-events", paramLabel = "N", description = "Events needed in a period to be active (default 1).")
    Integer minEvents;

    @Option(names = "--min-browse-seconds", paramLabel = "S", description = "Browse seconds needed in a period (default 0).")
    Double minBrowseSeconds;

    @Option(names = "--band", paramLabel = "LOW-HIGH", description = "Benchmark band for the monthly active rate (default 0.30-0.40).")
    String band;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of calendar days (default UTC).")
    String zone;

    @Option(names = "--retention-weeks", paramLabel = "N", defaultValue = "12",
            description = "Weeks after the first active week in the retention matrix (default ${DEFAULT-VALUE}).")
    int retentionWeeks;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the analysis as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        PulseConfig config = store.config();
        ActivityOptions options = options(config);
        ZoneId zoneId = zone == null ? config.zoneId() : zone(zone);
        try (PulseStore s = store.open()) {
            if (s.eventCount() == 0) {
                throw new PulseInputException(store.db.toString(), "the store has no events: run 'pulse ingest FILE' first"
                        + " (or 'pulse demo')");
            }
            ActivityAnalysis analysis = StoreActivity.analyze(s, options, zoneId);
            print(analysis, Json.humanOut(json));
            if (json != null) {
                Json.write(json, ActivityJson.of(analysis));
            }
        }
        return 0;
    }

    ActivityOptions options(PulseConfig config) {
        ActivityDefinition base = config.definition();
        ActivityDefinition definition = new ActivityDefinition(
                types == null ? base.eventTypes() : Set.copyOf(types),
                minEvents == null ? base.minEvents() : minEvents,
                minBrowseSeconds == null ? base.minBrowseSeconds() : minBrowseSeconds);
        Set<Granularity> g = EnumSet.noneOf(Granularity.class);
        granularities.forEach(name -> g.add(Granularity.parse(name)));
        if (g.isEmpty()) {
            g.addAll(EnumSet.allOf(Granularity.class));
        }
        return ActivityOptions.defaults().withDefinition(definition).withRange(from, to).withGranularities(g)
                .withBand(band == null ? config.band() : band(band)).withRetentionWeeks(retentionWeeks);
    }

    static BenchmarkBand band(String text) {
        String[] parts = text.split("-");
        try {
            if (parts.length == 2) {
                return new BenchmarkBand(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new PulseInputException("--band", 0, "band", "expected LOW-HIGH ratios such as 0.30-0.40, got '" + text + "'");
    }

    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new PulseInputException("--zone", 0, "zone", "unknown time zone '" + text + "'");
        }
    }

    static void print(ActivityAnalysis analysis, PrintStream out) {
        ActivityReport r = analysis.report();
        out.println();
        out.println("Activity of " + Table.count(r.users()) + " users, " + r.from() + " .. " + r.to() + " ("
                + analysis.provenance().parameters().get("zone") + "; " + r.definition().describe() + ")");
        out.println();
        out.println("  " + r.benchmark().verdict());
        out.println();

        List<PeriodActivity> months = r.periods(Granularity.MONTH);
        Table m = new Table("Monthly", "month", "active", "known", "active rate", "stickiness", "");
        for (PeriodActivity p : months) {
            m.row(p.period(), Table.count(p.activeUsers()), Table.count(p.knownUsers()), Table.percent(p.activeRate()),
                    p.stickiness() == null ? "" : Table.percent(p.stickiness()), p.partial() ? "partial" : "");
        }
        if (!m.isEmpty()) {
            out.print(m.render());
            out.println("  active rate by month  " + Table.sparkline(months.stream().mapToDouble(PeriodActivity::activeRate).toArray())
                    + "   band " + Table.percent(r.benchmark().low()) + "-" + Table.percent(r.benchmark().high())
                    + ", overall stickiness (DAU/MAU) " + Table.percent(r.stickiness()));
            out.println();
        }

        List<PeriodActivity> weeks = r.periods(Granularity.WEEK);
        Table w = new Table("Recent weeks", "week", "active", "known", "active rate");
        weeks.subList(Math.max(0, weeks.size() - 8), weeks.size()).forEach(p -> w.row(p.period(),
                Table.count(p.activeUsers()), Table.count(p.knownUsers()), Table.percent(p.activeRate())));
        if (!w.isEmpty()) {
            out.print(w.render());
            out.println();
        }

        List<DailyEngagement> daily = r.daily();
        Table d = new Table("Daily, last 7 days", "day", "DAU", "WAU", "MAU", "DAU/MAU");
        daily.subList(Math.max(0, daily.size() - 7), daily.size()).forEach(e -> d.row(e.date(), Table.count(e.dau()),
                Table.count(e.wau()), Table.count(e.mau()), e.mau() == 0 ? "" : Table.percent((double) e.dau() / e.mau())));
        if (!d.isEmpty()) {
            out.print(d.render());
            out.println("  DAU over the range     " + Table.sparkline(weekly(daily)) + "   (one mark a week)");
            out.println();
        }

        Table l = new Table("Lifecycle by month (dormant = known but not active)", "month", "new", "returning",
                "resurrecting", "dormant", "lapsed");
        r.lifecycle(Granularity.MONTH).forEach(c -> l.row(c.period(), Table.count(c.newUsers()), Table.count(c.returning()),
                Table.count(c.resurrecting()), Table.count(c.dormant()), Table.count(c.lapsed())));
        if (!l.isEmpty()) {
            out.print(l.render());
            out.println();
        }

        List<RetentionCohort> cohorts = r.retention().cohorts();
        int shown = Math.min(8, r.retention().maxWeeks());
        String[] head = new String[shown + 2];
        head[0] = "first week";
        head[1] = "users";
        for (int k = 0; k < shown; k++) {
            head[k + 2] = "+" + k;
        }
        Table c = new Table("Retention: share of each weekly cohort active k weeks later (last 10 cohorts with 4+ weeks)", head);
        List<RetentionCohort> mature = cohorts.stream().filter(x -> x.rates().size() >= Math.min(4, shown)).toList();
        for (RetentionCohort co : mature.subList(Math.max(0, mature.size() - 10), mature.size())) {
            Object[] row = new Object[shown + 2];
            row[0] = co.week();
            row[1] = Table.count(co.size());
            for (int k = 0; k < shown; k++) {
                row[k + 2] = k < co.rates().size() ? String.format("%.0f%%", co.rates().get(k) * 100) : "";
            }
            c.row(row);
        }
        if (!c.isEmpty()) {
            out.print(c.render());
            out.println();
        }

        Table b = new Table("Browse time in minutes (from " + analysis.browseSource() + " events)", "", "count", "mean",
                "p10", "p25", "median", "p75", "p90", "p99");
        browseRow(b, "per session", analysis.browse().perSessionSeconds());
        browseRow(b, "per user (total)", analysis.browse().perUserSeconds());
        out.print(b.render());
        out.println();
        out.println("  Source: " + analysis.provenance().data() + "; computed " + analysis.provenance().computedAt()
                + " by pulse " + analysis.provenance().version() + ".");
    }

    private static double[] weekly(List<DailyEngagement> daily) {
        int n = (daily.size() + 6) / 7;
        double[] out = new double[n];
        for (int i = 0; i < daily.size(); i++) {
            out[i / 7] += daily.get(i).dau() / 7.0;
        }
        return out;
    }

    private static void browseRow(Table t, String label, Percentiles p) {
        if (p.count() == 0) {
            t.row(label, "0");
            return;
        }
        t.row(label, Table.count(p.count()), min(p.mean()), min(p.p10()), min(p.p25()), min(p.p50()), min(p.p75()),
                min(p.p90()), min(p.p99()));
    }

    private static String min(double seconds) {
        return String.format("%.1f", seconds / 60);
    }
}
