package io.pulse.stream;

import io.pulse.stream.internal.LongSet;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Drops repeats of an event id (its 64-bit hash) seen within a bounded horizon of event time. The horizon
 * is cut into {@value #BUCKETS} buckets by event time, each a hash set, kept in a ring of
 * {@value #BUCKETS} + 2 slots; a new bucket reuses the slot of the oldest. A repeat within the horizon of
 * its first copy is always caught, and one up to 1.5 horizons apart usually is; memory is about 16 bytes
 * × the events of 1.5 horizons. A copy older than every live bucket is let through (it is older than
 * the horizon; late events never get here).
 */
public final class Deduplicator {

    static final int BUCKETS = 4;
    private static final int SLOTS = BUCKETS + 2;

    private final long width;
    private final LongSet[] sets = new LongSet[SLOTS];
    private final long[] tags = new long[SLOTS];
    private long duplicates;

    public Deduplicator(long horizonMillis) {
        if (horizonMillis < BUCKETS) {
            throw new IllegalArgumentException("dedup horizon must be at least " + BUCKETS + " ms");
        }
        this.width = horizonMillis / BUCKETS;
        for (int i = 0; i < SLOTS; i++) {
            sets[i] = new LongSet(1024);
            tags[i] = Long.MIN_VALUE;
        }
    }

    /** True when the event is new; false (and counted) when its id was seen within the horizon. */
    public boolean first(long idHash, long ts) {
        for (int i = 0; i < SLOTS; i++) {
            if (tags[i] != Long.MIN_VALUE && sets[i].contains(idHash)) {
                duplicates++;
                return false;
            }
        }
        long bucket = Math.floorDiv(ts, width);
        int slot = (int) Math.floorMod(bucket, (long) SLOTS);
        if (tags[slot] != bucket) {
            if (tags[slot] != Long.MIN_VALUE && tags[slot] > bucket) {
                return true;
            }
            sets[slot].clear();
            tags[slot] = bucket;
        }
        sets[slot].add(idHash);
        return true;
    }

    public long duplicates() {
        return duplicates;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeLong(duplicates);
        for (int i = 0; i < SLOTS; i++) {
            out.writeLong(tags[i]);
            sets[i].writeState(out);
        }
    }

    void readState(DataInput in) throws IOException {
        duplicates = in.readLong();
        for (int i = 0; i < SLOTS; i++) {
            tags[i] = in.readLong();
            sets[i].readState(in);
        }
    }
}
