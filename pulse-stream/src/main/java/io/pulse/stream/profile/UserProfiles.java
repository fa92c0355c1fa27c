package io.pulse.stream.profile;

import io.pulse.core.actions.Trigger;
import io.pulse.core.thresholds.DormancyThreshold;
import io.pulse.core.thresholds.GapPrior;
import io.pulse.stream.Dictionary;
import io.pulse.stream.StreamEvent;
import io.pulse.stream.internal.StateIo;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Online user profiles: every accepted event updates its user's counters, activity score and gap statistics,
 * and the watermark's progress fires the threshold triggers of {@code pulse thresholds} and
 * {@code pulse actions} the moment they hold, not at the next batch run.
 * <ul>
 *   <li><b>dormancy</b>: at the end of cutoff day {@code c}, a user silent for {@code c − last active day} days,
 *       more than their personal threshold (the {@link DormancyThreshold} of their gaps shrunk toward the
 *       base's {@link GapPrior}). Each user has one pending check, on the first day that could exceed; a
 *       later event moves it. The threshold is re-evaluated on that day with the prior of that day.</li>
 *   <li><b>cart abandonment</b>: a cart with no purchase at or after it, {@code cartWait} later.</li>
 *   <li><b>browse surge</b>: at a session, the batch rule on the 7 days up to its day (at least
 *       {@code surgeMinSessions} and {@code surgeRatio} × the weekly average of the 8 weeks before, and no
 *       purchase in the 7 days); at most once per user and day.</li>
 * </ul>
 * Low engagement needs a model's probability and stays with {@code pulse actions}.
 *
 * <p>Per user the state is a row of primitive arrays (about 130 bytes) plus, for users with sessions, a
 * 63-day ring of daily session counts (saturating at 127). Not thread safe: the pipeline thread owns it.
 * An event that arrives after a later day of the same user was counted (possible only across midnight
 * within the out-of-orderness) adds to the counters but not to the gaps, which are kept as running
 * moments, not as days.
 */
public final class UserProfiles {

    static final long DAY = 86_400_000L;
    private static final int RING = 63;
    private static final int NO_CHECK = Integer.MIN_VALUE;

    private final ProfileSettings settings;
    private final Consumer<TriggerHit> hits;
    private final long cartWait;
    private final double decayPerDay;

    private int size;
    private long[] firstTs = new long[0];
    private long[] lastTs = new long[0];
    private long[] revenueCents = new long[0];
    private long[] refundCents = new long[0];
    private long[] lastCartTs = new long[0];
    private long[] lastPurchaseTs = new long[0];
    private int[] events = new int[0];
    private int[] sessions = new int[0];
    private int[] purchases = new int[0];
    private int[] carts = new int[0];
    private int[] activeDays = new int[0];
    private int[] lastActiveDay = new int[0];
    private int[] gapCount = new int[0];
    private double[] gapMean = new double[0];
    private double[] gapSquares = new double[0];
    private double[] score = new double[0];
    private int[] dormancyCheck = new int[0];
    private int[] surgeDay = new int[0];
    private int[] ringDay = new int[0];
    private byte[][] sessionRing = new byte[0][];

    /** Pending dormancy checks: cutoff day → users (an entry is live while the user's check is that day). */
    private final TreeMap<Integer, int[]> checks = new TreeMap<>();
    private final CartTimers cartTimers = new CartTimers();

    private GapPrior prior;
    private int priorDay = Integer.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private final long[] fired = new long[Trigger.values().length];

    public UserProfiles(ProfileSettings settings, Consumer<TriggerHit> hits) {
        this.settings = settings;
        this.hits = hits;
        this.cartWait = settings.cartWait().toMillis();
        this.decayPerDay = Math.log(2) / settings.halfLifeDays();
        this.prior = settings.fixedPrior() == null ? new GapPrior(Double.NaN, Double.NaN, Double.NaN, 0)
                : settings.fixedPrior();
    }

    public ProfileSettings settings() {
        return settings;
    }

    /** Takes one accepted event (after dedup and the noise filter). */
    public void update(StreamEvent e) {
        int u = e.user();
        grow(u);
        long ts = e.ts();
        int day = (int) Math.floorDiv(ts, DAY);
        if (events[u]++ == 0) {
            firstTs[u] = ts;
            lastTs[u] = ts;
        } else {
            firstTs[u] = Math.min(firstTs[u], ts);
            lastTs[u] = Math.max(lastTs[u], ts);
        }
        switch (e.type()) {
            case StreamEvent.PURCHASE -> {
                purchases[u]++;
                revenueCents[u] += e.amountCents();
                lastPurchaseTs[u] = Math.max(lastPurchaseTs[u], ts);
            }
            case StreamEvent.REFUND -> refundCents[u] += Math.abs(e.amountCents());
            case StreamEvent.CART -> {
                carts[u]++;
                if (ts > lastCartTs[u]) {
                    lastCartTs[u] = ts;
                    cartTimers.add(ts + cartWait, u);
                }
            }
            default -> {
            }
        }
        activeDay(u, day);
        if (e.type() == StreamEvent.SESSION) {
            sessions[u]++;
            session(u, day, ts);
        }
    }

    private void activeDay(int u, int day) {
        if (activeDays[u] == 0) {
            activeDays[u] = 1;
            lastActiveDay[u] = day;
            score[u] = 1;
            scheduleDormancy(u);
            return;
        }
        int last = lastActiveDay[u];
        if (day <= last) {
            return;
        }
        double x = Math.log(day - last);
        int n = ++gapCount[u];
        double delta = x - gapMean[u];
        gapMean[u] += delta / n;
        gapSquares[u] += delta * (x - gapMean[u]);
        activeDays[u]++;
        score[u] = score[u] * Math.exp(-decayPerDay * (day - last)) + 1;
        lastActiveDay[u] = day;
        scheduleDormancy(u);
    }

    /** The personal threshold in days of user {@code u} under the current prior (NaN while it has none). */
    private double thresholdDays(int u) {
        if (Double.isNaN(prior.mu0())) {
            return Double.NaN;
        }
        int n = gapCount[u];
        return DormancyThreshold.of(n, n == 0 ? Double.NaN : gapMean[u], prior, settings.quantile()).days();
    }

    /** The first cutoff day whose silence could exceed: c − last > threshold; tomorrow while no prior exists. */
    private int firstExceedingDay(int u) {
        double t = thresholdDays(u);
        if (Double.isNaN(t)) {
            return Math.max(lastActiveDay[u], priorDay) + 1;
        }
        return (int) Math.min(Integer.MAX_VALUE - 1L, lastActiveDay[u] + (long) Math.floor(t) + 1);
    }

    private void scheduleDormancy(int u) {
        int c = firstExceedingDay(u);
        dormancyCheck[u] = c;
        checks.merge(c, new int[] {1, u}, UserProfiles::append);
    }

    /** Appends the one user of {@code b} ({@code {1, u}}) to the list {@code a} ({@code {count, users...}}). */
    private static int[] append(int[] a, int[] b) {
        int n = a[0];
        if (n + 1 >= a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[++n] = b[1];
        a[0] = n;
        return a;
    }

    private void session(int u, int day, long ts) {
        byte[] ring = sessionRing[u];
        if (ring == null) {
            ring = sessionRing[u] = new byte[RING];
            ringDay[u] = day;
        }
        int latest = ringDay[u];
        if (day > latest) {
            for (int d = Math.max(latest + 1, day - RING + 1); d <= day; d++) {
                ring[Math.floorMod(d, RING)] = 0;
            }
            ringDay[u] = latest = day;
        }
        if (day <= latest - RING) {
            return;
        }
        int slot = Math.floorMod(day, RING);
        if (ring[slot] < Byte.MAX_VALUE) {
            ring[slot]++;
        }
        if (surgeDay[u] == latest) {
            return;
        }
        int recent = 0;
        for (int k = 0; k < 7; k++) {
            recent += ring[Math.floorMod(latest - k, RING)];
        }
        if (recent < settings.surgeMinSessions()) {
            return; // most sessions: a quiet week cannot be a surge, so the 8 weeks before are not summed
        }
        int before = 0;
        for (int k = 7; k < RING; k++) {
            before += ring[Math.floorMod(latest - k, RING)];
        }
        double needed = Math.max(settings.surgeMinSessions(), settings.surgeRatio() * before / 8.0);
        boolean boughtThisWeek = purchases[u] > 0 && lastPurchaseTs[u] >= (latest - 6L) * DAY;
        if (recent >= needed && !boughtThisWeek) {
            surgeDay[u] = latest;
            fire(new TriggerHit(u, Trigger.BROWSE_SURGE, latest, ts, recent, needed));
        }
    }

    /**
     * Moves event time to {@code watermark}: fires the cart and dormancy triggers now due. A new day of event
     * time first refits the prior (unless fixed) from every profile's gap moments.
     */
    public void advance(long watermark) {
        if (watermark == Long.MIN_VALUE || watermark <= this.watermark) {
            return;
        }
        this.watermark = watermark;
        while (cartTimers.size() > 0 && cartTimers.minDue() <= watermark) {
            long due = cartTimers.minDue();
            int u = cartTimers.pollUser();
            long cart = due - cartWait;
            if (lastCartTs[u] == cart && lastPurchaseTs[u] < cart) {
                fire(new TriggerHit(u, Trigger.CART_ABANDONMENT, (int) Math.floorDiv(due, DAY), due,
                        (due - cart) / 60_000.0, cartWait / 60_000.0));
            }
        }
        int complete = (int) Math.floorDiv(watermark, DAY) - 1;
        if (complete > priorDay) {
            priorDay = complete;
            if (settings.fixedPrior() == null) {
                prior = GapPrior.fit(gapCount, gapMean, gapSquares, size);
            }
        }
        while (!checks.isEmpty() && checks.firstKey() <= complete) {
            Map.Entry<Integer, int[]> due = checks.pollFirstEntry();
            int c = due.getKey();
            int[] list = due.getValue();
            for (int i = 1; i <= list[0]; i++) {
                check(list[i], c);
            }
        }
    }

    private void check(int u, int c) {
        if (dormancyCheck[u] != c) {
            return;
        }
        int exceedsFrom = firstExceedingDay(u);
        if (exceedsFrom > c) {
            dormancyCheck[u] = exceedsFrom;
            checks.merge(exceedsFrom, new int[] {1, u}, UserProfiles::append);
            return;
        }
        dormancyCheck[u] = NO_CHECK;
        fire(new TriggerHit(u, Trigger.DORMANCY, c, watermark, c - lastActiveDay[u], thresholdDays(u)));
    }

    private void fire(TriggerHit hit) {
        fired[hit.trigger().ordinal()]++;
        hits.accept(hit);
    }

    /** Triggers fired so far, by kind. */
    public long fired(Trigger t) {
        return fired[t.ordinal()];
    }

    /** Users with a profile. */
    public int users() {
        int n = 0;
        for (int u = 0; u < size; u++) {
            n += events[u] > 0 ? 1 : 0;
        }
        return n;
    }

    /** The prior thresholds shrink toward now. */
    public GapPrior prior() {
        return prior;
    }

    /** The profile of interned user {@code u} as of the watermark, null when it has no event. */
    public Profile profile(int u, Dictionary userNames) {
        if (u < 0 || u >= size || events[u] == 0) {
            return null;
        }
        int today = watermark == Long.MIN_VALUE ? lastActiveDay[u] : (int) Math.floorDiv(watermark, DAY);
        int silent = Math.max(0, today - lastActiveDay[u]);
        return new Profile(userNames.name(u), events[u], sessions[u], purchases[u], carts[u], revenueCents[u] / 100.0,
                refundCents[u] / 100.0, activeDays[u], Instant.ofEpochMilli(firstTs[u]), Instant.ofEpochMilli(lastTs[u]),
                score[u] * Math.exp(-decayPerDay * silent), thresholdDays(u), silent);
    }

    /** Every profile, in id order. */
    public void forEach(Dictionary userNames, Consumer<Profile> out) {
        for (int u = 0; u < size; u++) {
            Profile p = profile(u, userNames);
            if (p != null) {
                out.accept(p);
            }
        }
    }

    private void grow(int u) {
        if (u < size) {
            return;
        }
        int n = u + 1;
        if (n > events.length) {
            int cap = Math.max(n, Math.max(1024, events.length + (events.length >> 1)));
            firstTs = Arrays.copyOf(firstTs, cap);
            lastTs = Arrays.copyOf(lastTs, cap);
            revenueCents = Arrays.copyOf(revenueCents, cap);
            refundCents = Arrays.copyOf(refundCents, cap);
            lastCartTs = Arrays.copyOf(lastCartTs, cap);
            lastPurchaseTs = Arrays.copyOf(lastPurchaseTs, cap);
            events = Arrays.copyOf(events, cap);
            sessions = Arrays.copyOf(sessions, cap);
            purchases = Arrays.copyOf(purchases, cap);
            carts = Arrays.copyOf(carts, cap);
            activeDays = Arrays.copyOf(activeDays, cap);
            lastActiveDay = Arrays.copyOf(lastActiveDay, cap);
            gapCount = Arrays.copyOf(gapCount, cap);
            gapMean = Arrays.copyOf(gapMean, cap);
            gapSquares = Arrays.copyOf(gapSquares, cap);
            score = Arrays.copyOf(score, cap);
            dormancyCheck = Arrays.copyOf(dormancyCheck, cap);
            surgeDay = Arrays.copyOf(surgeDay, cap);
            ringDay = Arrays.copyOf(ringDay, cap);
            sessionRing = Arrays.copyOf(sessionRing, cap);
        }
        for (int i = size; i < n; i++) {
            lastCartTs[i] = Long.MIN_VALUE;
            lastPurchaseTs[i] = Long.MIN_VALUE;
            dormancyCheck[i] = NO_CHECK;
            surgeDay[i] = Integer.MIN_VALUE;
        }
        size = n;
    }

    /** Writes the whole state (profiles, pending checks, cart timers, prior) for a checkpoint. */
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(settings.toString());
        out.writeInt(size);
        out.writeLong(watermark);
        out.writeInt(priorDay);
        out.writeDouble(prior.mu0());
        out.writeDouble(prior.tau0Squared());
        out.writeDouble(prior.sigmaSquared());
        out.writeInt(prior.users());
        StateIo.writeLongs(out, fired);
        for (long[] a : new long[][] {firstTs, lastTs, revenueCents, refundCents, lastCartTs, lastPurchaseTs}) {
            StateIo.writeLongs(out, Arrays.copyOf(a, size));
        }
        for (int[] a : new int[][] {events, sessions, purchases, carts, activeDays, lastActiveDay, gapCount,
                dormancyCheck, surgeDay, ringDay}) {
            StateIo.writeInts(out, Arrays.copyOf(a, size));
        }
        for (double[] a : new double[][] {gapMean, gapSquares, score}) {
            StateIo.writeDoubles(out, Arrays.copyOf(a, size));
        }
        int rings = 0;
        for (int u = 0; u < size; u++) {
            rings += sessionRing[u] == null ? 0 : 1;
        }
        out.writeInt(rings);
        for (int u = 0; u < size; u++) {
            if (sessionRing[u] != null) {
                out.writeInt(u);
                out.write(sessionRing[u]);
            }
        }
        out.writeInt(checks.size());
        for (Map.Entry<Integer, int[]> e : checks.entrySet()) {
            out.writeInt(e.getKey());
            StateIo.writeInts(out, Arrays.copyOf(e.getValue(), e.getValue()[0] + 1));
        }
        cartTimers.writeState(out);
    }

    /** Restores what {@link #writeState} wrote into a fresh instance with the same settings. */
    public void readState(DataInput in) throws IOException {
        String saved = in.readUTF();
        if (!saved.equals(settings.toString())) {
            throw new IOException("profiles checkpointed with other settings: " + saved);
        }
        size = in.readInt();
        watermark = in.readLong();
        priorDay = in.readInt();
        prior = new GapPrior(in.readDouble(), in.readDouble(), in.readDouble(), in.readInt());
        long[] f = StateIo.readLongs(in);
        System.arraycopy(f, 0, fired, 0, Math.min(f.length, fired.length));
        firstTs = StateIo.readLongs(in);
        lastTs = StateIo.readLongs(in);
        revenueCents = StateIo.readLongs(in);
        refundCents = StateIo.readLongs(in);
        lastCartTs = StateIo.readLongs(in);
        lastPurchaseTs = StateIo.readLongs(in);
        events = StateIo.readInts(in);
        sessions = StateIo.readInts(in);
        purchases = StateIo.readInts(in);
        carts = StateIo.readInts(in);
        activeDays = StateIo.readInts(in);
        lastActiveDay = StateIo.readInts(in);
        gapCount = StateIo.readInts(in);
        dormancyCheck = StateIo.readInts(in);
        surgeDay = StateIo.readInts(in);
        ringDay = StateIo.readInts(in);
        gapMean = StateIo.readDoubles(in);
        gapSquares = StateIo.readDoubles(in);
        score = StateIo.readDoubles(in);
        sessionRing = new byte[size][];
        for (int r = in.readInt(); r > 0; r--) {
            int u = in.readInt();
            sessionRing[u] = new byte[RING];
            in.readFully(sessionRing[u]);
        }
        checks.clear();
        for (int n = in.readInt(); n > 0; n--) {
            int day = in.readInt();
            int[] list = StateIo.readInts(in);
            checks.put(day, list.length < 2 ? new int[] {0, 0} : list);
        }
        cartTimers.readState(in);
    }
}
