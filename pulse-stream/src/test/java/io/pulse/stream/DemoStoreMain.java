package io.pulse.stream;

import io.pulse.generate.GeneratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the guard catches on {@code pulse generate}'s default store (20,000 users, 365 days, seed 42, campaigns
 * on): each planted spike and shift with its item alerts, and every item decision without a planted shift.
 * Not a test (the store takes a while); the figures go to docs/stream.md. Usage:
 * {@code DemoStoreMain [dir] [variant] [test]}; the variant is "tumbling" (the defaults) or modifiers joined by
 * "+": "sliding" (hourly windows every 10 min, daily every 6 h), "p2" (patience), "ex6" (minExcess of item/1d), "week3x30" (item/7d/1d
 * with sustainWindows 3 and minExcess 30 in place of the default's), "tweek3x30" (the same, tumbling), "noweek"
 * (no weekly window).
 */
public final class DemoStoreMain {

    private DemoStoreMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/stream-demo");
        String variant = args.length > 1 ? args[1] : "tumbling";
        // A third argument "test" generates GeneratedStoreTest's store instead of the default one.
        GeneratorConfig generate = args.length > 2 && args[2].equals("test") ? GeneratedStore.testConfig(30_000)
                : GeneratorConfig.defaults();
        GeneratedStore store = Files.exists(dir.resolve("truth.json")) ? GeneratedStore.read(dir)
                : GeneratedStore.generate(generate, dir);
        StreamConfig config = StreamConfig.defaults();
        for (String v : variant.split("\\+")) {
            if (v.equals("sliding")) {
                config = config.withWindows(config.windows().stream().map(w -> w.size().toHours() == 1
                        ? w.sliding(Duration.ofMinutes(10)) : w.size().toDays() == 1 ? w.sliding(Duration.ofHours(6))
                        : w).toList());
            } else if (v.startsWith("p")) {
                GuardSettings g = config.guard();
                config = config.withGuard(new GuardSettings(g.alarmScore(), g.minRatio(), g.elevatedRatio(),
                        g.maxTopSourceShare(), g.minDistinctUsers(), g.history(), g.gapFill(), g.baselineAlpha(),
                        g.warmUpWindows(), Integer.parseInt(v.substring(1))));
            } else if (v.startsWith("week") || v.startsWith("tweek")) {
                // [t]week<sustain>x<minExcess>: item/7d sliding daily, or tumbling with "t", instead of the default's
                String[] a = v.substring(v.indexOf("week") + 4).split("x");
                List<WindowSpec> specs = new ArrayList<>(config.windows().stream()
                        .filter(w -> w.size().toDays() < 7).toList());
                WindowSpec week = new WindowSpec(Dimension.ITEM, Duration.ofDays(7), Integer.parseInt(a[0]),
                        Integer.parseInt(a[1]));
                specs.add(v.startsWith("t") ? week : week.sliding(Duration.ofDays(1)));
                config = config.withWindows(specs);
            } else if (v.startsWith("ex")) {
                int ex = Integer.parseInt(v.substring(2));
                config = config.withWindows(config.windows().stream().map(w -> w.dimension() == Dimension.ITEM
                        && w.size().toDays() == 1 ? new WindowSpec(w.dimension(), w.size(), w.sustainWindows(), ex,
                        w.slide()) : w).toList());
            } else if (v.equals("noweek")) {
                config = config.withWindows(config.windows().stream().filter(w -> w.size().toDays() < 7).toList());
            } else if (!v.equals("tumbling")) {
                throw new IllegalArgumentException("variant " + v);
            }
        }
        FileReplay replay = FileReplay.open(store.events());
        List<Alert> alerts = new ArrayList<>();
        long t0 = System.nanoTime();
        StreamStats stats = new StreamEngine(config, replay.parser(), alerts::add, e -> { }).replay(replay, 0);
        System.out.printf("%s: %,d events in %.1f s, %d alerts%n", variant, stats.eventsIn(),
                (System.nanoTime() - t0) / 1e9, alerts.size());
        for (GeneratedStore.PlantedSpike s : store.spikes()) {
            System.out.println("spike " + s);
            itemAlerts(alerts, s.item()).forEach(a -> System.out.println("   " + brief(a)));
        }
        List<String> shifted = new ArrayList<>();
        for (GeneratedStore.PlantedShift s : store.shifts()) {
            shifted.add(s.item());
            Instant from = s.from().atStartOfDay(ZoneOffset.UTC).toInstant();
            boolean caught = itemAlerts(alerts, s.item()).stream().anyMatch(a -> a.decision() != null
                    && !a.start().isBefore(from) && a.start().isBefore(from.plus(Duration.ofDays(14))));
            System.out.println("shift " + s + (caught ? " CAUGHT" : " MISSED"));
            itemAlerts(alerts, s.item()).forEach(a -> System.out.println("   " + brief(a)));
        }
        Map<String, int[]> byWindow = new TreeMap<>();
        for (Alert a : alerts) {
            byWindow.computeIfAbsent(a.window().label(), k -> new int[2])[a.label().ordinal()]++;
            if (a.window().dimension() == Dimension.ITEM && a.decision() != null && !shifted.contains(a.key())) {
                System.out.println("FALSE DECISION " + brief(a));
            }
        }
        byWindow.forEach((w, n) -> System.out.printf("%-16s transient %5d sustained %3d%n", w, n[0], n[1]));
    }

    private static List<Alert> itemAlerts(List<Alert> alerts, String item) {
        return alerts.stream().filter(a -> a.window().dimension() == Dimension.ITEM && a.key().equals(item)).toList();
    }

    private static String brief(Alert a) {
        Alert.Evidence e = a.evidence();
        return String.format(java.util.Locale.ROOT, "%s %s %s..%s %s %s n=%d ev=%d base=%.1f top=%s %.2f users=%d lift=%.2f %s",
                a.window().label(), a.key(), a.start(), a.end(), a.kind(), a.label(), e.durationWindows(), e.events(),
                e.baseline(), e.topSource(), e.topSourceShare(), e.distinctUsers(), e.relatedLift(),
                a.decision() == null ? "" : "→ " + a.decision());
    }
}
