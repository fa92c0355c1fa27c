package io.pulse.stream.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/** An open-addressing set of longs (linear probing, load at most 1/2); 0 is stored as a flag beside the table. */
public final class LongSet {

    private long[] table;
    private int size;
    private boolean hasZero;

    public LongSet(int expected) {
        table = new long[Math.max(16, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) << 1)];
    }

    public boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        int mask = table.length - 1;
        for (int i = spread(v) & mask; ; i = (i + 1) & mask) {
            long t = table[i];
            if (t == v) {
                return true;
            }
            if (t == 0) {
                return false;
            }
        }
    }

    /** Adds {@code v}; false when it was already there. */
    public boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        int mask = table.length - 1;
        int i = spread(v) & mask;
        for (long t = table[i]; t != 0; t = table[i]) {
            if (t == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        if (++size * 2 > table.length) {
            grow();
        }
        return true;
    }

    public int size() {
        return size;
    }

    public void clear() {
        if (size > 0) {
            Arrays.fill(table, 0);
            size = 0;
            hasZero = false;
        }
    }

    /** Writes the members (in table order; a set read back holds the same members, maybe laid out apart). */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(size);
        if (hasZero) {
            out.writeLong(0);
        }
        for (long v : table) {
            if (v != 0) {
                out.writeLong(v);
            }
        }
    }

    /** Replaces the members with those written by {@link #writeState(DataOutput)}. */
    public void readState(DataInput in) throws IOException {
        clear();
        for (int i = in.readInt(); i > 0; i--) {
            add(in.readLong());
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = spread(v) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    private static int spread(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
