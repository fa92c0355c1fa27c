package io.pulse.stream;

import static io.pulse.stream.internal.StateIo.readBytes;
import static io.pulse.stream.internal.StateIo.readInts;
import static io.pulse.stream.internal.StateIo.readLongs;
import static io.pulse.stream.internal.StateIo.writeBytes;
import static io.pulse.stream.internal.StateIo.writeInts;
import static io.pulse.stream.internal.StateIo.writeLongs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Removes traffic no shopper produces, and says what it removed and why. Per user, in plain arrays indexed
 * by the interned user id:
 * <ul>
 *   <li>{@link Reason#RATE_LIMIT}: more than {@code maxEventsPerMinute} events in one clock minute of event
 *       time (the excess is removed, the first ones pass);
 *   <li>{@link Reason#BOT_LIKE}: {@code zeroDwellViews} views in a row with zero dwell, or
 *       {@code regularIntervals} events in a row at exactly the same interval (≥ 1 s): scripts, not people.
 *       The user is then marked and every later event of theirs is removed;
 *   <li>{@link Reason#IMPOSSIBLE_SESSION}: views of more than {@code maxItemsPerSecond} different items within
 *       one second.
 * </ul>
 * Intervals are taken between consecutive events of a user as they arrive; an event older than the
 * previous one resets the interval run rather than counting as regular.
 */
public final class NoiseFilter {

    public enum Reason { RATE_LIMIT, BOT_LIKE, IMPOSSIBLE_SESSION }

    /** Thresholds; {@link #defaults()} leave ordinary shoppers (and every generated regular user) alone. */
    public record Settings(int maxEventsPerMinute, int zeroDwellViews, int regularIntervals, int maxItemsPerSecond) {

        public static Settings defaults() {
            return new Settings(120, 30, 20, 5);
        }
    }

    private static final byte BOT = 1;

    private final Settings settings;
    private final long[] removed = new long[Reason.values().length];
    private long[] minute = new long[0];
    private int[] minuteCount = new int[0];
    private int[] zeroDwellRun = new int[0];
    private long[] lastTs = new long[0];
    private long[] lastInterval = new long[0];
    private int[] regularRun = new int[0];
    private long[] second = new long[0];
    private int[] secondItems = new int[0];
    private int[] lastViewItem = new int[0];
    private byte[] flags = new byte[0];

    public NoiseFilter(Settings settings) {
        this.settings = settings;
    }

    /** Null when the event passes; otherwise why it was removed (and counted). */
    public Reason check(StreamEvent e) {
        int u = e.user();
        if (u >= flags.length) {
            grow(u);
        }
        Reason r = reason(e, u);
        if (r != null) {
            removed[r.ordinal()]++;
        }
        return r;
    }

    private Reason reason(StreamEvent e, int u) {
        if (flags[u] == BOT) {
            return Reason.BOT_LIKE;
        }
        long ts = e.ts();
        long m = Math.floorDiv(ts, 60_000L);
        if (minute[u] != m) {
            minute[u] = m;
            minuteCount[u] = 0;
        }
        if (++minuteCount[u] > settings.maxEventsPerMinute()) {
            return Reason.RATE_LIMIT;
        }
        long interval = ts - lastTs[u];
        if (lastTs[u] != Long.MIN_VALUE && interval >= 1000 && interval == lastInterval[u]) {
            regularRun[u]++;
        } else {
            regularRun[u] = 0;
        }
        lastInterval[u] = interval;
        lastTs[u] = ts;
        if (e.type() == StreamEvent.VIEW) {
            zeroDwellRun[u] = e.durationS() == 0 ? zeroDwellRun[u] + 1 : 0;
            long s = Math.floorDiv(ts, 1000L);
            if (second[u] != s) {
                second[u] = s;
                secondItems[u] = 0;
                lastViewItem[u] = -2;
            }
            if (e.item() != lastViewItem[u]) {
                lastViewItem[u] = e.item();
                if (++secondItems[u] > settings.maxItemsPerSecond()) {
                    return Reason.IMPOSSIBLE_SESSION;
                }
            }
        }
        if (zeroDwellRun[u] >= settings.zeroDwellViews() || regularRun[u] + 1 >= settings.regularIntervals()) {
            flags[u] = BOT;
            return Reason.BOT_LIKE;
        }
        return null;
    }

    /** Events removed so far, by reason (every reason present, zero included). */
    public Map<Reason, Long> removed() {
        Map<Reason, Long> out = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            out.put(r, removed[r.ordinal()]);
        }
        return out;
    }

    public long removed(Reason r) {
        return removed[r.ordinal()];
    }

    public void writeState(DataOutput out) throws IOException {
        writeLongs(out, removed);
        writeLongs(out, minute);
        writeInts(out, minuteCount);
        writeInts(out, zeroDwellRun);
        writeLongs(out, lastTs);
        writeLongs(out, lastInterval);
        writeInts(out, regularRun);
        writeLongs(out, second);
        writeInts(out, secondItems);
        writeInts(out, lastViewItem);
        writeBytes(out, flags);
    }

    public void readState(DataInput in) throws IOException {
        System.arraycopy(readLongs(in), 0, removed, 0, removed.length);
        minute = readLongs(in);
        minuteCount = readInts(in);
        zeroDwellRun = readInts(in);
        lastTs = readLongs(in);
        lastInterval = readLongs(in);
        regularRun = readInts(in);
        second = readLongs(in);
        secondItems = readInts(in);
        lastViewItem = readInts(in);
        flags = readBytes(in);
    }

    private void grow(int user) {
        int n = Math.max(user + 1, flags.length * 2);
        int old = flags.length;
        minute = Arrays.copyOf(minute, n);
        minuteCount = Arrays.copyOf(minuteCount, n);
        zeroDwellRun = Arrays.copyOf(zeroDwellRun, n);
        lastTs = Arrays.copyOf(lastTs, n);
        Arrays.fill(lastTs, old, n, Long.MIN_VALUE);
        Arrays.fill(minute, old, n, Long.MIN_VALUE);
        lastInterval = Arrays.copyOf(lastInterval, n);
        regularRun = Arrays.copyOf(regularRun, n);
        second = Arrays.copyOf(second, n);
        Arrays.fill(second, old, n, Long.MIN_VALUE);
        secondItems = Arrays.copyOf(secondItems, n);
        lastViewItem = Arrays.copyOf(lastViewItem, n);
        flags = Arrays.copyOf(flags, n);
    }
}
