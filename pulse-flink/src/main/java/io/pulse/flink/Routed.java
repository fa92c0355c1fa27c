package io.pulse.flink;

/**
 * What reaches the window stages. An accepted event: its time, its line and the hash of its
 * key in each {@link io.pulse.stream.Dimension} ({@link #ABSENT} when the event has none), by which it is
 * routed. Or, with no line, a marker broadcast to every window subtask, so that all of them start and end
 * their windows where the in-process engine does: {@code FIRST} (ts = a late-filter subtask's first record)
 * or {@code END} (ts = a user subtask's last accepted event, {@code lastWithKey} = per dimension the last
 * accepted event that had a key).
 */
public record Routed(long ts, byte[] line, int[] keys, long[] lastWithKey) {

    public static final int ABSENT = Integer.MIN_VALUE;

    static Routed first(long ts) {
        return new Routed(ts, null, null, null);
    }

    static Routed end(long lastAccepted, long[] lastWithKey) {
        return new Routed(lastAccepted, null, null, lastWithKey);
    }

    boolean isEvent() {
        return line != null;
    }

    boolean isEnd() {
        return line == null && lastWithKey != null;
    }

    /** A key's routing hash: the name's String hash, never {@link #ABSENT}. */
    static int hash(String name) {
        int h = name.hashCode();
        return h == ABSENT ? ABSENT + 1 : h;
    }
}
