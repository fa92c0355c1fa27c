package io.pulse.stream;

import io.pulse.core.anomaly.EwmaCusum;
import io.pulse.core.anomaly.RobustZScore;
import io.pulse.stream.internal.UserSketch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The decision guard of one window spec: per key, pulse-core's {@link RobustZScore} (spikes; hour-of-week
 * seasonal baseline for the low-cardinality dimensions) and {@link EwmaCusum} (level shifts) score each
 * closed window's count. A window whose score reaches {@code alarmScore}, and whose count is at least
 * {@code minRatio} × the key's baseline and {@code minExcess} above it, starts an <em>episode</em>. The
 * baseline is then frozen; the episode grows while windows stay elevated and gathers evidence: events,
 * events per source, distinct users, and (items) the events of the rest of the category.
 *
 * <p>The label: an episode that ends before {@code sustainWindows} is TRANSIENT. One that reaches
 * {@code sustainWindows} is SUSTAINED when it is also broad — its top source under
 * {@code maxTopSourceShare} and at least {@code minDistinctUsers} users — and TRANSIENT (concentrated) when
 * not. Only SUSTAINED carries a decision; after it the key's baseline moves to the new level, so a lasting
 * change is reported once. Every transient is reported too: the point is to show it and not act on it.
 *
 * <p>Keys absent from a window count zero. The guard follows keys that appear and the keys in an episode;
 * a key that was silent is fed at most {@code gapFill} zeros when it reappears.
 */
public final class SpikeGuard implements KeyedWindows.Listener {

    private final WindowSpec spec;
    private final GuardSettings settings;
    private final Dictionary keyNames;
    private final Dictionary sourceNames;
    private final Consumer<Alert> sink;
    private final boolean seasonal;
    private RobustZScore[] z = new RobustZScore[0];
    private EwmaCusum[] cusum = new EwmaCusum[0];
    private long[] lastFed = new long[0];
    private double[] baseline = new double[0];
    private long[] seen = new long[0];
    private long windowsSeen;
    private Episode[] episodes = new Episode[0];
    private final List<Episode> open = new ArrayList<>();
    private double[] categoryBaseline = new double[0];
    private long firstWindow = Long.MIN_VALUE;
    private long alerts;

    public SpikeGuard(WindowSpec spec, GuardSettings settings, Dictionary keyNames, Dictionary sourceNames,
                      Consumer<Alert> sink) {
        this.spec = spec;
        this.settings = settings;
        this.keyNames = keyNames;
        this.sourceNames = sourceNames;
        this.sink = sink;
        // A seasonal detector keeps 168 hour-of-week buckets: affordable for a few dozen categories or
        // channels, not for every item.
        this.seasonal = spec.dimension() != Dimension.ITEM;
    }

    @Override
    public void onClose(KeyedWindows.Closed w) {
        if (firstWindow == Long.MIN_VALUE) {
            firstWindow = w.index();
        }
        windowsSeen++;
        for (int i = 0; i < w.keys(); i++) {
            int k = w.key(i);
            observe(w, k, w.count(k));
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            Episode ep = open.get(i);
            if (lastFed[ep.key] != w.index()) {
                observe(w, ep.key, 0);
            }
        }
        if (spec.dimension() == Dimension.ITEM) {
            for (int c = 0; c < categoryBaseline.length || w.categoryCount(c) > 0; c++) {
                if (c >= categoryBaseline.length) {
                    categoryBaseline = Arrays.copyOf(categoryBaseline, c + 1);
                }
                categoryBaseline[c] += weight(windowsSeen) * (w.categoryCount(c) - categoryBaseline[c]);
            }
        }
    }

    /** Ends every open episode (end of stream): shorter than sustainWindows, they are reported as transient. */
    public void finish() {
        for (Episode ep : List.copyOf(open)) {
            close(ep, Alert.Label.TRANSIENT, "the stream ended after " + ep.windows + " elevated window(s)");
        }
    }

    public long alerts() {
        return alerts;
    }

    private void observe(KeyedWindows.Closed w, int k, int count) {
        ensure(k);
        long wi = w.index();
        long last = lastFed[k] == Long.MIN_VALUE ? firstWindow - 1 : lastFed[k];
        long gap = wi - last - 1;
        for (long g = Math.max(last + 1, wi - settings.gapFill()); g < wi; g++) {
            score(k, g, 0);
        }
        if (gap > 0 && episodes[k] == null) {
            seen[k] += gap;
            baseline[k] *= gap >= seen[k] ? 0 : Math.pow(1 - weight(seen[k]), gap);
        }
        lastFed[k] = wi;
        seen[k]++;
        double zs = z[k].score(seconds(wi), count);
        double cs = cusum[k].score(seconds(wi), count);
        Episode ep = episodes[k];
        if (ep != null) {
            if (count >= ep.base * settings.elevatedRatio() && count - ep.base >= spec.minExcess() / 2.0) {
                ep.misses = 0;
                ep.add(w, count);
                if (ep.windows >= spec.sustainWindows()) {
                    judge(ep);
                }
            } else if (++ep.misses > settings.patience()) {
                close(ep, Alert.Label.TRANSIENT, "elevated for " + ep.windows + " window(s), fewer than "
                        + spec.sustainWindows());
                baseline[k] += weight(seen[k]) * (count - baseline[k]);
            }
            return;
        }
        double base = baseline[k];
        if (seen[k] > settings.warmUpWindows() && Math.max(zs, cs) >= settings.alarmScore()
                && count - base >= spec.minExcess()
                && count >= base * settings.minRatio()) {
            ep = new Episode(k, wi, base, zs >= cs ? Alert.Kind.SPIKE : Alert.Kind.LEVEL_SHIFT, w);
            episodes[k] = ep;
            open.add(ep);
            ep.add(w, count);
            if (ep.windows >= spec.sustainWindows()) {
                judge(ep);
            }
        } else {
            baseline[k] += weight(seen[k]) * (count - base);
        }
    }

    private double weight(long n) {
        return Math.max(settings.baselineAlpha(), 1.0 / n);
    }

    private void judge(Episode ep) {
        double share = ep.topSourceShare();
        long users = UserSketch.estimate(ep.users, 0);
        if (share > settings.maxTopSourceShare()) {
            close(ep, Alert.Label.TRANSIENT, String.format("persisted %d windows but %.0f%% came from one source",
                    ep.windows, 100 * share));
        } else if (users < settings.minDistinctUsers()) {
            close(ep, Alert.Label.TRANSIENT, "persisted " + ep.windows + " windows but from only " + users + " users");
        } else {
            close(ep, Alert.Label.SUSTAINED, String.format("elevated for %d windows from broad sources (top %.0f%%, %d users)",
                    ep.windows, 100 * share, users));
        }
        // The new level is the normal from now on: a lasting change is reported once.
        baseline[ep.key] = (double) ep.events / ep.windows;
    }

    private void close(Episode ep, Alert.Label label, String reason) {
        episodes[ep.key] = null;
        open.remove(ep);
        String key = keyNames.name(ep.key);
        String decision = label == Alert.Label.TRANSIENT ? null
                : spec.dimension() == Dimension.ITEM ? "raise stock for item " + key
                : "investigate " + spec.dimension().label() + " " + key;
        int top = ep.topSourceSlot();
        String topSource = top == 0 ? "(direct)" : top == KeyedWindows.SOURCE_SLOTS - 1 ? "(other)"
                : sourceNames.name(top - 1);
        double lift = Double.NaN;
        if (ep.category >= 0 && ep.category < categoryBaseline.length) {
            double expected = ep.windows * Math.max(categoryBaseline[ep.category] - ep.base, 1e-9);
            lift = (ep.categoryEvents - ep.events) / expected - 1;
        }
        Alert.Evidence evidence = new Alert.Evidence(ep.windows, ep.events, ep.base, topSource,
                ep.topSourceShare(), UserSketch.estimate(ep.users, 0), lift);
        alerts++;
        sink.accept(new Alert(spec, key, Instant.ofEpochMilli(ep.start * spec.size().toMillis()),
                Instant.ofEpochMilli(ep.lastWindow * spec.size().toMillis() + spec.size().toMillis()),
                ep.kind, label, evidence, decision, reason));
    }

    private void score(int k, long window, double value) {
        z[k].score(seconds(window), value);
        cusum[k].score(seconds(window), value);
    }

    private long seconds(long window) {
        return window * spec.size().toMillis() / 1000;
    }

    private void ensure(int k) {
        if (k >= z.length) {
            int n = Math.max(k + 1, z.length * 2);
            z = Arrays.copyOf(z, n);
            cusum = Arrays.copyOf(cusum, n);
            episodes = Arrays.copyOf(episodes, n);
            baseline = Arrays.copyOf(baseline, n);
            seen = Arrays.copyOf(seen, n);
            int old = lastFed.length;
            lastFed = Arrays.copyOf(lastFed, n);
            Arrays.fill(lastFed, old, n, Long.MIN_VALUE);
        }
        if (z[k] == null) {
            z[k] = new RobustZScore(settings.history(), seasonal, 4.0);
            cusum[k] = new EwmaCusum();
        }
    }

    /** An anomaly being followed: its frozen baseline and the evidence so far. */
    private static final class Episode {
        final int key;
        final long start;
        final double base;
        final Alert.Kind kind;
        final int category;
        final int[] sources = new int[KeyedWindows.SOURCE_SLOTS];
        final long[] users = new long[UserSketch.WORDS];
        long lastWindow;
        int windows;
        int misses;
        long events;
        long categoryEvents;

        Episode(int key, long start, double base, Alert.Kind kind, KeyedWindows.Closed w) {
            this.key = key;
            this.start = start;
            this.base = base;
            this.kind = kind;
            this.category = w.spec().dimension() == Dimension.ITEM ? w.categoryOf(key) : -1;
        }

        void add(KeyedWindows.Closed w, int count) {
            windows++;
            events += count;
            lastWindow = w.index();
            w.addSources(key, sources);
            w.addUsers(key, users);
            categoryEvents += w.categoryCount(category);
        }

        int topSourceSlot() {
            int top = 0;
            for (int i = 1; i < sources.length; i++) {
                if (sources[i] > sources[top]) {
                    top = i;
                }
            }
            return top;
        }

        double topSourceShare() {
            return events == 0 ? 0 : (double) sources[topSourceSlot()] / events;
        }
    }
}
