package io.pulse.stream;

import io.pulse.core.anomaly.EwmaCusum;
import io.pulse.core.anomaly.RobustZScore;
import io.pulse.stream.internal.StateIo;
import io.pulse.stream.internal.UserSketch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * not. Only SUSTAINED carries a decision. After either judgement the key's baseline moves to the new
 * level, so a lasting change is reported once. Every transient is reported too: the point is to show it and not act on it.
 *
 * <p>Keys absent from a window count zero. The guard visits only the keys a window saw and the keys in an
 * episode. Item keys (tens of thousands) keep just a ring of their last {@code history} counts and a
 * baseline; their detectors run on the ring only when a window passes the cheap count gate. The seasonal
 * detectors of the other dimensions (a few dozen keys) are fed every window they appear in, with at most
 * {@code gapFill} zeros for a silence.
 *
 * <p>Sliding specs: every setting counted in windows (warm-up, history, gap fill, patience, the EWMA weight,
 * {@code sustainWindows}) means windows of {@code size} and is converted to slides, so a sliding guard judges
 * the same span of time as its tumbling peer. Each window is scored against its own phase — the windows whole
 * multiples of {@code size} before it, which share no event with it (see {@link #score}) — and an episode's
 * evidence counts each pane once, from the first elevated pane of its first window (see {@code Episode.add}).
 *
 * <p>Checkpoints: pulse-core's detectors keep their state private, so they are not written. An item key's
 * detectors are built afresh from its ring at every candidate anyway. A seasonal key also keeps the log of
 * every (window, count) its detectors were fed, and a restore feeds that log to fresh detectors: the same
 * values in the same order give bit-identical detectors. EWMA-CUSUM depends on its whole input, so the log
 * is not trimmed: 12 bytes per key and window, about 10 MB a year for 100 hourly keys.
 */
public final class SpikeGuard implements KeyedWindows.Listener {

    private static final double Z_HALF = 4.0;

    private final WindowSpec spec;
    private final GuardSettings settings;
    private final Dictionary keyNames;
    private final Dictionary sourceNames;
    private final Consumer<Alert> sink;
    private final boolean seasonal;
    /** Slides per window (1 when tumbling); every setting counted in windows is multiplied by it. */
    private final int panes;
    /** Counts kept per item key: {@code history} windows of each of the {@code panes} phases. */
    private final int hist;
    private final int sustainSlides;
    private RobustZScore[] z = new RobustZScore[0];
    private EwmaCusum[] cusum = new EwmaCusum[0];
    private FedLog[] fed = new FedLog[0];
    private long[] lastFed = new long[0];
    private double[] baseline = new double[0];
    private long[] seen = new long[0];
    private Episode[] episodes = new Episode[0];
    private final List<Episode> open = new ArrayList<>();
    /** Item windows: events of each category in the last {@code period} closed windows, for the related-items lift. */
    private int[] categoryRing = new int[0];
    private final int period;
    private long firstWindow = Long.MIN_VALUE;
    private long alerts;
    private int[] ring = new int[0];
    private double zScore;
    private double cusumScore;

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
        this.panes = spec.panes();
        this.hist = settings.history() * panes;
        // The windows of an episode spanning sustainWindows × size: a tumbling spec needs sustainWindows of
        // them, a sliding one every slide from the first such window's end to the last one's.
        this.sustainSlides = (spec.sustainWindows() - 1) * panes + 1;
        this.period = period(spec, settings.history()) * panes;
    }

    /**
     * The related items of a window are compared with the same window one cycle earlier: a day earlier for
     * windows shorter than a day, a week earlier for longer ones (less than {@code history} windows back, so
     * the item's own count then is still in its ring). In windows of {@code size}; the caller multiplies by
     * the panes for closed (sliding) windows.
     */
    private static int period(WindowSpec spec, int history) {
        long size = spec.size().toMillis();
        long day = 86_400_000L;
        long windows = size < day ? Math.max(1, day / size) : Math.max(1, 7 * day / size);
        return (int) Math.min(windows, history - 1);
    }

    @Override
    public void onClose(KeyedWindows.Closed w) {
        if (firstWindow == Long.MIN_VALUE) {
            firstWindow = w.index();
        }
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
            int slot = (int) Math.floorMod(w.index(), (long) period);
            if (w.categories() * period > categoryRing.length) {
                categoryRing = Arrays.copyOf(categoryRing, w.categories() * period);
            }
            for (int c = 0; c * period < categoryRing.length; c++) {
                categoryRing[c * period + slot] = w.categoryCount(c);
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
        if (gap > 0) {
            long fill = seasonal ? (long) settings.gapFill() * panes : hist;
            for (long g = Math.max(last + 1, wi - fill); g < wi; g++) {
                record(k, g, 0);
            }
            if (episodes[k] == null) {
                seen[k] += gap;
                baseline[k] *= Math.pow(1 - weight(seen[k]), gap);
            }
        }
        lastFed[k] = wi;
        seen[k]++;
        Episode ep = episodes[k];
        double base = baseline[k];
        boolean candidate = ep == null && seen[k] > (long) settings.warmUpWindows() * panes
                && count - base >= spec.minExcess() && count >= base * settings.minRatio();
        if (candidate && !seasonal) {
            replay(k, wi, count);
        }
        record(k, wi, count);
        if (ep != null) {
            if (count >= ep.base * settings.elevatedRatio() && count - ep.base >= spec.minExcess() / 2.0) {
                ep.misses = 0;
                add(ep, w, count);
                if (ep.windows >= sustainSlides) {
                    judge(ep);
                }
            } else if (++ep.misses > settings.patience() * panes) {
                close(ep, Alert.Label.TRANSIENT, "elevated for " + ep.windows + " window(s), fewer than "
                        + sustainSlides);
                baseline[k] += weight(seen[k]) * (count - baseline[k]);
            }
            return;
        }
        if (candidate && Math.max(zScore, cusumScore) >= settings.alarmScore()) {
            ep = new Episode(k, wi, base, zScore >= cusumScore ? Alert.Kind.SPIKE : Alert.Kind.LEVEL_SHIFT,
                    spec.dimension() == Dimension.ITEM ? w.categoryOf(k) : -1);
            episodes[k] = ep;
            open.add(ep);
            add(ep, w, count);
            if (ep.windows >= sustainSlides) {
                judge(ep);
            }
        } else {
            baseline[k] += weight(seen[k]) * (count - base);
        }
    }

    /**
     * Seasonal keys feed their detectors every window (and leave the scores of the last one in zScore,
     * cusumScore); the others only keep the count in their ring.
     */
    private void record(int k, long window, int count) {
        if (seasonal) {
            fed[k].add(window, count);
            score(k, window, count);
        } else {
            ring[k * hist + (int) Math.floorMod(window, (long) hist)] = count;
        }
    }

    /**
     * Overlapping windows are not independent draws: a spike lifts {@code panes} windows in a row and a
     * median over neighbours would be half made of the window itself. So a sliding spec keeps a pair of
     * detectors per phase (window number mod panes), each fed the tumbling series of its phase: windows a
     * whole {@code size} apart, which share no event, and whose hour-of-week buckets hold windows with the
     * same alignment a whole week apart. Each phase scores what a tumbling guard offset by it would.
     */
    private void score(int k, long window, int count) {
        int d = k * panes + (int) Math.floorMod(window, (long) panes);
        zScore = z[d].score(seconds(window), count);
        cusumScore = cusum[d].score(seconds(window), count);
    }

    /**
     * Scores a candidate window of a non-seasonal key: fresh detectors replay the ring (the key's last
     * {@code history} windows, zeros where it was silent) and then score the window. The robust z-score over a
     * sliding history is a function of that history alone, so this is what a detector fed every window would
     * say; EWMA-CUSUM sees {@code history} windows instead of all of them. Candidates are rare, so this is
     * far cheaper than feeding every item's detectors every window. A sliding spec replays the window's own
     * phase only: the {@code history} windows before it that are whole multiples of {@code size} away (see
     * {@link #score}).
     */
    private void replay(int k, long window, int count) {
        int h = settings.history();
        RobustZScore zs = new RobustZScore(h, false, Z_HALF);
        EwmaCusum cs = new EwmaCusum();
        long from = window - (long) h * panes;
        if (from < firstWindow) {
            from += (firstWindow - from + panes - 1) / panes * panes;
        }
        for (long g = from; g < window; g += panes) {
            int v = ring[k * hist + (int) Math.floorMod(g, (long) hist)];
            zs.score(seconds(g), v);
            cs.score(seconds(g), v);
        }
        zScore = zs.score(seconds(window), count);
        cusumScore = cs.score(seconds(window), count);
    }

    private void add(Episode ep, KeyedWindows.Closed w, int count) {
        ep.add(w, ep.base * settings.elevatedRatio() / panes);
        long before = w.index() - period;
        if (ep.category >= 0 && before >= firstWindow && (ep.category + 1) * period <= categoryRing.length) {
            int slot = (int) Math.floorMod(before, (long) period);
            int itemBefore = ring[ep.key * hist + (int) Math.floorMod(before, (long) hist)];
            ep.relatedBefore += categoryRing[ep.category * period + slot] - itemBefore;
            ep.relatedNow += w.categoryCount(ep.category) - count;
        }
    }

    /** EWMA weight of the n-th window; per slide, so the baseline forgets at the same pace in time. */
    private double weight(long n) {
        return Math.max(settings.baselineAlpha() / panes, 1.0 / n);
    }

    private void judge(Episode ep) {
        double share = ep.topSourceShare();
        long users = UserSketch.estimate(ep.users, 0);
        if (share > settings.maxTopSourceShare()) {
            close(ep, Alert.Label.TRANSIENT, String.format(Locale.ROOT, "persisted %d windows but %.0f%% came from one source",
                    ep.windows, 100 * share));
        } else if (users < settings.minDistinctUsers()) {
            close(ep, Alert.Label.TRANSIENT, "persisted " + ep.windows + " windows but from only " + users + " users");
        } else {
            close(ep, Alert.Label.SUSTAINED, String.format(Locale.ROOT, "elevated for %d windows from broad sources (top %.0f%%, %d users)",
                    ep.windows, 100 * share, users));
        }
        // Either way the new level is the normal from now on: a lasting change is reported once.
        baseline[ep.key] = (double) ep.events * panes / ep.panes;
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
        double lift = ep.category < 0 ? Double.NaN
                : ep.relatedBefore > 0 ? (double) ep.relatedNow / ep.relatedBefore - 1 : 0;
        Alert.Evidence evidence = new Alert.Evidence(ep.windows, ep.events, ep.base, topSource,
                ep.topSourceShare(), UserSketch.estimate(ep.users, 0), lift);
        alerts++;
        sink.accept(new Alert(spec, key, Instant.ofEpochMilli(ep.firstPane * spec.slide().toMillis()),
                Instant.ofEpochMilli(startMillis(ep.lastWindow) + spec.size().toMillis()),
                ep.kind, label, evidence, decision, reason));
    }

    private long startMillis(long window) {
        return (window + 1) * spec.slide().toMillis() - spec.size().toMillis();
    }

    private long seconds(long window) {
        return Math.floorDiv(startMillis(window), 1000);
    }

    private void ensure(int k) {
        if (k >= episodes.length) {
            int n = Math.max(k + 1, episodes.length * 2);
            z = Arrays.copyOf(z, n * panes);
            cusum = Arrays.copyOf(cusum, n * panes);
            fed = Arrays.copyOf(fed, n);
            episodes = Arrays.copyOf(episodes, n);
            baseline = Arrays.copyOf(baseline, n);
            seen = Arrays.copyOf(seen, n);
            int old = lastFed.length;
            lastFed = Arrays.copyOf(lastFed, n);
            Arrays.fill(lastFed, old, n, Long.MIN_VALUE);
        }
        if (seasonal && fed[k] == null) {
            newDetectors(k);
        }
        if (!seasonal && (k + 1) * hist > ring.length) {
            ring = Arrays.copyOf(ring, episodes.length * hist);
        }
    }

    private void newDetectors(int k) {
        for (int d = k * panes; d < (k + 1) * panes; d++) {
            z[d] = new RobustZScore(settings.history(), true, Z_HALF);
            cusum[d] = new EwmaCusum();
        }
        fed[k] = new FedLog();
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeLong(firstWindow);
        out.writeLong(alerts);
        StateIo.writeLongs(out, lastFed);
        StateIo.writeDoubles(out, baseline);
        StateIo.writeLongs(out, seen);
        StateIo.writeInts(out, categoryRing);
        StateIo.writeInts(out, ring);
        out.writeInt(fed.length);
        for (FedLog log : fed) {
            out.writeBoolean(log != null);
            if (log != null) {
                StateIo.writeLongs(out, Arrays.copyOf(log.windows, log.size));
                StateIo.writeInts(out, Arrays.copyOf(log.counts, log.size));
            }
        }
        out.writeInt(open.size());
        for (Episode ep : open) {
            ep.writeState(out);
        }
    }

    /** Restores what {@link #writeState} wrote; a seasonal key's detectors are rebuilt from its log. */
    public void readState(DataInput in) throws IOException {
        firstWindow = in.readLong();
        alerts = in.readLong();
        lastFed = StateIo.readLongs(in);
        baseline = StateIo.readDoubles(in);
        seen = StateIo.readLongs(in);
        categoryRing = StateIo.readInts(in);
        ring = StateIo.readInts(in);
        int n = in.readInt();
        z = new RobustZScore[n * panes];
        cusum = new EwmaCusum[n * panes];
        fed = new FedLog[n];
        episodes = new Episode[n];
        for (int k = 0; k < n; k++) {
            if (in.readBoolean()) {
                long[] windows = StateIo.readLongs(in);
                int[] counts = StateIo.readInts(in);
                newDetectors(k);
                for (int i = 0; i < windows.length; i++) {
                    record(k, windows[i], counts[i]);
                }
            }
        }
        open.clear();
        for (int i = in.readInt(); i > 0; i--) {
            Episode ep = Episode.readState(in);
            episodes[ep.key] = ep;
            open.add(ep);
        }
    }

    /** Every (window, count) fed to a seasonal key's detectors, in order. */
    private static final class FedLog {
        long[] windows = new long[64];
        int[] counts = new int[64];
        int size;

        void add(long window, int count) {
            if (size == windows.length) {
                windows = Arrays.copyOf(windows, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            windows[size] = window;
            counts[size++] = count;
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
        /** The newest pane counted in events, sources and users, and how many panes were counted. */
        long covered = Long.MIN_VALUE;
        long firstPane;
        long panes;
        long events;
        /** Events of the rest of the category in the episode's windows, and one cycle before each. */
        long relatedNow;
        long relatedBefore;

        Episode(int key, long start, double base, Alert.Kind kind, int category) {
            this.key = key;
            this.start = start;
            this.base = base;
            this.kind = kind;
            this.category = category;
        }

        void writeState(DataOutput out) throws IOException {
            out.writeInt(key);
            out.writeLong(start);
            out.writeDouble(base);
            out.writeInt(kind.ordinal());
            out.writeInt(category);
            for (int v : sources) {
                out.writeInt(v);
            }
            for (long v : users) {
                out.writeLong(v);
            }
            out.writeLong(lastWindow);
            out.writeInt(windows);
            out.writeInt(misses);
            out.writeLong(covered);
            out.writeLong(firstPane);
            out.writeLong(panes);
            out.writeLong(events);
            out.writeLong(relatedNow);
            out.writeLong(relatedBefore);
        }

        static Episode readState(DataInput in) throws IOException {
            Episode ep = new Episode(in.readInt(), in.readLong(), in.readDouble(), Alert.Kind.values()[in.readInt()],
                    in.readInt());
            for (int i = 0; i < ep.sources.length; i++) {
                ep.sources[i] = in.readInt();
            }
            for (int i = 0; i < ep.users.length; i++) {
                ep.users[i] = in.readLong();
            }
            ep.lastWindow = in.readLong();
            ep.windows = in.readInt();
            ep.misses = in.readInt();
            ep.covered = in.readLong();
            ep.firstPane = in.readLong();
            ep.panes = in.readLong();
            ep.events = in.readLong();
            ep.relatedNow = in.readLong();
            ep.relatedBefore = in.readLong();
            return ep;
        }

        /**
         * Counts the panes of {@code w} not counted yet, so that overlapping windows count each event once:
         * the evidence covers the union of the elevated windows (for tumbling windows, each one whole). The
         * first window of a sliding episode mostly reaches back before the change: its leading panes under
         * {@code elevated} (events per pane that count as elevated) are left out, so the evidence — and the
         * alert's start — begin with the change rather than with the normal traffic before it.
         */
        void add(KeyedWindows.Closed w, double elevated) {
            long from;
            if (covered == Long.MIN_VALUE) {
                from = w.firstPane();
                while (from < w.index() && w.count(key, from) - w.count(key, from + 1) < elevated) {
                    from++;
                }
                firstPane = from;
            } else {
                from = Math.max(covered + 1, w.firstPane());
            }
            windows++;
            events += w.count(key, from);
            panes += w.index() - from + 1;
            covered = w.index();
            lastWindow = w.index();
            w.addSources(key, sources, from);
            w.addUsers(key, users, from);
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
