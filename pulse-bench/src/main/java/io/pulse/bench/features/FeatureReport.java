package io.pulse.bench.features;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The run as Markdown, ready to paste into BENCHMARKS.md. */
final class FeatureReport {

    private FeatureReport() {
    }

    static String markdown(FeatureBench.Options o, String machine, List<FeatureBench.Size> sizes) {
        StringBuilder b = new StringBuilder();
        b.append("## Feature table benchmark, ").append(LocalDate.now()).append("\n\n");
        b.append("- machine: ").append(machine).append('\n');
        b.append(String.format(Locale.ROOT, "- %d pairs per size, sides alternating which goes first; median"
                + " (min–max) wall seconds, median CPU seconds of the whole process%n", o.rounds()));
        b.append(String.format(Locale.ROOT, "- goal: Pulse at most %.1f× the peer's time; stretch %.1f×%n%n",
                FeatureBench.GOAL, FeatureBench.STRETCH));
        b.append("| events | users in table | cutoff | Pulse `FeatureTable.build` | peer: hand-written DuckDB SQL |"
                + " Pulse vs peer (wall) | goal ≤ 1.0× met | Pulse vs peer (CPU) | tables equal |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (FeatureBench.Size s : sizes) {
            long equal = s.checks().stream().filter(TableDiff.Result::equal).count();
            b.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %s, CPU %.1f s | %s, CPU %.1f s |"
                            + " **%.2f×** (per pair: %s) | %s | %.2f× | %d of %d pairs, %d columns |%n",
                    s.data().events(), s.checks().get(0).rows(), s.cutoff(), s.pulse().spread(),
                    s.pulseCpu().median(), s.peer().spread(), s.peerCpu().median(), s.ratio(),
                    Timings.paired(s.pulse(), s.peer()), s.ratio() <= FeatureBench.GOAL ? "yes" : "**no**",
                    s.pulseCpu().median() / s.peerCpu().median(), equal, s.checks().size(),
                    s.checks().get(0).columns()));
        }
        b.append('\n');
        for (FeatureBench.Size s : sizes) {
            b.append(String.format(Locale.ROOT, "%s (%s; %,d events and %,d users rows, ingested in %.1f s):%n%n",
                    s.label(), s.data().config(), s.data().events(), s.data().users(), s.data().ingestSeconds()));
            b.append("- Pulse, seconds in run order: ").append(s.pulse().list()).append('\n');
            b.append("- peer, seconds in run order: ").append(s.peer().list()).append('\n');
            b.append("- CPU seconds, Pulse: ").append(s.pulseCpu().list()).append('\n');
            b.append("- CPU seconds, peer: ").append(s.peerCpu().list()).append("\n\n");
        }
        return b.toString();
    }
}
