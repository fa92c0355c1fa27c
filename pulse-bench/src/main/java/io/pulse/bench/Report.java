package io.pulse.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The run as Markdown, ready to paste into BENCHMARKS.md. */
final class Report {

    private Report() {
    }

    static String markdown(FoundationBench.Options o, Machine m, FoundationBench.Results r) {
        StringBuilder b = new StringBuilder();
        b.append("## Foundation benchmark, ").append(LocalDate.now()).append("\n\n");
        b.append("- machine: ").append(m.describe()).append('\n');
        b.append(String.format(Locale.ROOT, "- data: %,d events, %,d users rows (%s); Pulse's store file %,d MB,"
                        + " read_csv's %,d MB%n", r.events, r.userRows, o.config(), r.pulseBytes >> 20,
                r.peerBytes >> 20));
        b.append(String.format(Locale.ROOT, "- %d ingest rounds and %d activity pairs, sides alternating which goes"
                + " first; median (min–max) seconds%n%n", r.pulseIngest.size(), r.activityPairs));

        double ingestRatio = r.peerIngest.median() / r.pulseIngest.median();
        double activityRatio = r.pulseActivity.median() / r.sqlActivity.median();
        b.append("| work | Pulse | peer: hand-written DuckDB SQL | Pulse vs peer (wall) | goal | met |"
                + " Pulse vs peer (CPU) |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        b.append(String.format(Locale.ROOT, "| ingest %,d events into a fresh file | %s, %,.0f events/s, CPU %.1f s |"
                        + " `read_csv` typed INSERT: %s, %,.0f events/s, CPU %.1f s |"
                        + " **%.2f×** the peer's events/s (per round: %s) | ≥ %.1f× | %s | %.2f× the peer's events per CPU second |%n",
                r.events, seconds(r.pulseIngest), r.events / r.pulseIngest.median(), r.pulseIngestCpu.median(),
                seconds(r.peerIngest), r.events / r.peerIngest.median(), r.peerIngestCpu.median(), ingestRatio,
                paired(r.peerIngest, r.pulseIngest), FoundationBench.INGEST_GOAL,
                ingestRatio >= FoundationBench.INGEST_GOAL ? "yes" : "**no**",
                r.peerIngestCpu.median() / r.pulseIngestCpu.median()));
        b.append(String.format(Locale.ROOT, "| activity analysis, every figure fetched into Java | %s, CPU %.1f s |"
                        + " same figures in SQL: %s, CPU %.1f s | **%.2f×** the peer's time (per pair: %s) |"
                        + " ≤ %.1f× | %s | %.2f× the peer's CPU time |%n%n",
                seconds(r.pulseActivity), r.pulseActivityCpu.median(), seconds(r.sqlActivity),
                r.sqlActivityCpu.median(), activityRatio, paired(r.pulseActivity, r.sqlActivity),
                FoundationBench.ACTIVITY_GOAL, activityRatio <= FoundationBench.ACTIVITY_GOAL ? "yes" : "**no**",
                r.pulseActivityCpu.median() / r.sqlActivityCpu.median()));
        b.append(String.format(Locale.ROOT, "Activity figures: Pulse and the SQL agree on every compared figure in"
                + " %d of %d pairs (%d figures each):%n%n", r.matchingPairs, r.activityPairs,
                r.checks.stream().mapToInt(ActivityCheck.Check::compared).sum()));
        r.checks.forEach(c -> b.append("    ").append(c.line()).append('\n'));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "Users file (not timed above): %,d rows in %.2f s.%n%n", r.userRows,
                r.usersSeconds));
        stages(b, "Pulse ingest, where the time goes", r.ingestStages);
        if (!r.anatomy.isEmpty()) {
            anatomy(b, r);
        }
        stages(b, "Pulse activity, where the time goes", r.activityStages);
        stages(b, "Hand-written SQL activity, where the time goes", r.sqlStages);
        b.append("Every sample, seconds, in run order:\n\n");
        b.append("- Pulse ingest: ").append(list(r.pulseIngest)).append('\n');
        b.append("- read_csv ingest: ").append(list(r.peerIngest)).append('\n');
        b.append("- Pulse activity: ").append(list(r.pulseActivity)).append('\n');
        b.append("- SQL activity: ").append(list(r.sqlActivity)).append('\n');
        b.append("- CPU seconds, Pulse ingest: ").append(list(r.pulseIngestCpu)).append('\n');
        b.append("- CPU seconds, read_csv ingest: ").append(list(r.peerIngestCpu)).append('\n');
        b.append("- CPU seconds, Pulse activity: ").append(list(r.pulseActivityCpu)).append('\n');
        b.append("- CPU seconds, SQL activity: ").append(list(r.sqlActivityCpu)).append('\n');
        return b.toString();
    }

    /** Medians per stage need not add up to the median total, so shares are of their own sum. */
    private static void stages(StringBuilder b, String title, Map<String, Samples> stages) {
        double sum = stages.values().stream().mapToDouble(Samples::median).sum();
        b.append("### ").append(title).append(" (median seconds per stage)\n\n");
        b.append("| stage | seconds | share |\n| --- | --- | --- |\n");
        stages.forEach((name, s) -> b.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f%% |%n", name,
                s.median(), 100 * s.median() / sum)));
        b.append('\n');
    }

    private static void anatomy(StringBuilder b, FoundationBench.Results r) {
        b.append("### Pieces of the ingest done by DuckDB alone (one run each, one after the other)\n\n");
        b.append("| work | seconds | CPU seconds |\n| --- | --- | --- |\n");
        r.anatomy.forEach(p -> b.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f |%n", p.work(), p.seconds(),
                p.cpuSeconds())));
        b.append('\n');
    }

    private static String seconds(Samples s) {
        return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", s.median(), s.min(), s.max());
    }

    /** {@code top[i] / bottom[i]} for each round, which a drift in machine load affects less than the medians. */
    private static String paired(Samples top, Samples bottom) {
        List<Double> a = top.values();
        List<Double> c = bottom.values();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", a.get(i) / c.get(i)));
        }
        return out.toString();
    }

    private static String list(Samples s) {
        return s.values().stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(", "));
    }
}
