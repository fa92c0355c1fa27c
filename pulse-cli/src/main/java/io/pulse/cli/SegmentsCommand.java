package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.segments.BehaviourFeature;
import io.pulse.core.segments.HiddenValue;
import io.pulse.core.segments.KChoice;
import io.pulse.core.segments.SegmentProfile;
import io.pulse.store.PulseStore;
import io.pulse.store.segments.SegmentRun;
import io.pulse.store.segments.SegmentRun.RankedOpportunity;
import io.pulse.store.segments.SegmentRun.Segment;
import io.pulse.store.segments.SegmentTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "segments", mixinStandardHelpOptions = true,
        description = {"Segments the customers at a cutoff day and ranks the hidden-value opportunities:",
                "groups that look ordinary on activity but browse long, spend more per order, pay",
                "above the category price or are worth more over the next year. Three groupings:",
                "k-means clusters on behaviour (k by silhouette), value groups among ordinary users,",
                "and RFM cells. Builds the feature table and the BG/NBD + Gamma-Gamma CLV at the",
                "cutoff when missing. Writes the tables segments, segment_members, opportunities and",
                "segmentation_runs, and one CSV of user_id per opportunity. See docs/segments.md."},
        footer = {"", "Examples:",
                "  pulse segments",
                "  pulse segments --cutoff 2025-09-30 --k 3..8 --out audiences --json segments.json"})
final class SegmentsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--cutoff", paramLabel = "DATE", description = "Last day whose events count (default: the last event's day).")
    LocalDate cutoff;

    @Option(names = "--k", paramLabel = "MIN..MAX", defaultValue = "2..10",
            description = "Numbers of clusters tried; the best silhouette wins (default ${DEFAULT-VALUE}; one number fixes k).")
    String k;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of k-means and the samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "20000",
            description = "Users k-means is fitted on; the rest join the nearest centroid (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the opportunity member lists (default: 'segments' beside the store).")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write segments and opportunities as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        int[] range = parseK(k);
        try (PulseStore s = store.open()) {
            LocalDate day = store.cutoffOrLastEventDay(s, cutoff);
            Path dir = out != null ? out : store.db.toAbsolutePath().getParent().resolve("segments");
            SegmentRun.Result result = SegmentRun.run(s, new SegmentRun.Options(day, seed, range[0], range[1], sample, dir),
                    TerminalProgress.forTerminal());
            print(result, Json.humanOut(json));
            if (json != null) {
                Json.write(json, toJson(result));
            }
        }
        return 0;
    }

    /** "2..10" or "5". */
    static int[] parseK(String text) {
        String[] parts = text.trim().split("\\.\\.", -1);
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
            if (parts.length > 2 || min < 2 || max < min || max > 50) {
                throw new NumberFormatException();
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new PulseInputException("--k", 0, "k", "expected MIN..MAX or one number, with 2 <= MIN <= MAX <= 50,"
                    + " got '" + text + "'");
        }
    }

    static void print(SegmentRun.Result r, PrintStream out) {
        out.println();
        out.println("Segments of " + Table.count(r.users()) + " users at cutoff " + r.options().cutoff());
        out.println("  k-means on behaviour: k = " + r.overview().k() + " by silhouette " + silhouetteLine(r.overview()));
        if (r.valueSearch() != null) {
            out.println("  value search among " + Table.count(r.valueSearched()) + " users who look ordinary: k = "
                    + r.valueSearch().k() + " by silhouette " + silhouetteLine(r.valueSearch()));
        }
        out.println();
        printSegments("Clusters (behaviour)", r.clusters(), out);
        printSegments("Value groups (ordinary activity, clustered on browse depth, order value, price)", r.valueGroups(), out);
        printSegments("RFM cells", r.rfmCells(), out);
        if (r.opportunities().isEmpty()) {
            out.println("No hidden-value opportunity: no group that looks ordinary shows two value signals.");
        } else {
            out.println("Hidden-value opportunities, best first");
            for (RankedOpportunity ro : r.opportunities()) {
                HiddenValue.Opportunity o = ro.opportunity();
                out.println(String.format(Locale.ROOT, "  %d. %s  %s: %s customers, %s at stake over 12 months",
                        ro.rank(), o.segmentId(), o.name(), Table.count(o.size()), money(o.revenueAtStake())));
                out.println("     " + o.evidence());
                out.println("     Do: " + o.action().description() + ".");
                out.println("     Members: " + ro.membersFile()
                        + (ro.alsoFoundAs().isEmpty() ? "" : "  (largely the same customers as " + String.join(", ", ro.alsoFoundAs()) + ")"));
            }
        }
        out.println();
        out.println("  Written to the tables segments, segment_members, opportunities and segmentation_runs.");
    }

    private static String silhouetteLine(KChoice c) {
        double best = Double.NEGATIVE_INFINITY;
        for (double s : c.silhouettes()) {
            best = Math.max(best, s);
        }
        return String.format(Locale.ROOT, "%.3f (k = %d..%d: %s)", best, c.ks()[0], c.ks()[c.ks().length - 1],
                Table.sparkline(c.silhouettes()));
    }

    private static void printSegments(String title, List<Segment> segments, PrintStream out) {
        if (segments.isEmpty()) {
            return;
        }
        Table t = new Table(title, "id", "name", "users", "share", "revenue", "CLV 12m", "buys/30d", "visits/30d",
                "browse min", "AOV", "price idx");
        for (Segment s : segments) {
            SegmentProfile p = s.profile();
            t.row(s.id(), s.name(), Table.count(p.size()), Table.percent(p.userShare()),
                    Double.isNaN(p.revenueShare()) ? "" : Table.percent(p.revenueShare()), money(s.clvTotal()),
                    mean(p, BehaviourFeature.PURCHASES_PER_30D), mean(p, BehaviourFeature.SESSIONS_PER_30D),
                    mean(p, BehaviourFeature.BROWSE_MINUTES_PER_SESSION), mean(p, BehaviourFeature.AOV),
                    mean(p, BehaviourFeature.PRICE_INDEX));
        }
        out.print(t.render());
        out.println();
    }

    private static String mean(SegmentProfile p, BehaviourFeature f) {
        for (SegmentProfile.FeatureLift l : p.features()) {
            if (l.feature().equals(f.column())) {
                return Double.isNaN(l.segmentMean()) ? "" : String.format(Locale.ROOT, "%.2f", l.segmentMean());
            }
        }
        return "";
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static Map<String, Object> toJson(SegmentRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", r.options().cutoff());
        m.put("users", r.users());
        m.put("seed", r.options().seed());
        m.put("k", r.overview().k());
        m.put("silhouettes", SegmentTables.silhouettes(r.overview()));
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("users", r.valueSearched());
        search.put("k", r.valueSearch() == null ? null : r.valueSearch().k());
        search.put("silhouettes", r.valueSearch() == null ? Map.of() : SegmentTables.silhouettes(r.valueSearch()));
        m.put("value_search", search);
        m.put("segments", r.all().stream().map(SegmentsCommand::segment).toList());
        m.put("opportunities", r.opportunities().stream().map(SegmentsCommand::opportunity).toList());
        return m;
    }

    private static Map<String, Object> segment(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.kind());
        m.put("name", s.name());
        m.put("size", s.profile().size());
        m.put("user_share", s.profile().userShare());
        m.put("revenue_share", Double.isNaN(s.profile().revenueShare()) ? null : s.profile().revenueShare());
        m.put("clv_total", s.clvTotal());
        m.put("profile", SegmentTables.profileJson(s.profile()));
        return m;
    }

    private static Map<String, Object> opportunity(RankedOpportunity ro) {
        HiddenValue.Opportunity o = ro.opportunity();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", ro.rank());
        m.put("segment_id", o.segmentId());
        m.put("name", o.name());
        m.put("size", o.size());
        m.put("revenue_at_stake", o.revenueAtStake());
        m.put("strength", o.strength());
        m.put("signals", o.signals());
        m.put("action", o.action().id());
        m.put("action_text", o.action().description());
        m.put("evidence", o.evidence());
        m.put("members_file", ro.membersFile().toString());
        m.put("also_found_as", ro.alsoFoundAs());
        return m;
    }
}
