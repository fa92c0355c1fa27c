package io.pulse.stream.profile;

import io.pulse.stream.internal.StateIo;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A binary min-heap of (due time, user) on two primitive arrays: the cart checks waiting for the watermark.
 * Ties on the due time come out by user id, so the order of fired triggers does not depend on the order
 * the carts arrived in.
 */
final class CartTimers {

    private long[] due = new long[64];
    private int[] user = new int[64];
    private int size;

    void add(long at, int u) {
        if (size == due.length) {
            due = Arrays.copyOf(due, size * 2);
            user = Arrays.copyOf(user, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(at, u, due[parent], user[parent])) {
                break;
            }
            due[i] = due[parent];
            user[i] = user[parent];
            i = parent;
        }
        due[i] = at;
        user[i] = u;
    }

    int size() {
        return size;
    }

    long minDue() {
        return due[0];
    }

    /** Removes the earliest entry and returns its user. */
    int pollUser() {
        int top = user[0];
        size--;
        long lastDue = due[size];
        int lastUser = user[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(due[child + 1], user[child + 1], due[child], user[child])) {
                child++;
            }
            if (!less(due[child], user[child], lastDue, lastUser)) {
                break;
            }
            due[i] = due[child];
            user[i] = user[child];
            i = child;
        }
        due[i] = lastDue;
        user[i] = lastUser;
        return top;
    }

    private static boolean less(long d1, int u1, long d2, int u2) {
        return d1 < d2 || d1 == d2 && u1 < u2;
    }

    void writeState(DataOutput out) throws IOException {
        StateIo.writeLongs(out, Arrays.copyOf(due, size));
        StateIo.writeInts(out, Arrays.copyOf(user, size));
    }

    void readState(DataInput in) throws IOException {
        long[] d = StateIo.readLongs(in);
        int[] u = StateIo.readInts(in);
        size = d.length;
        due = Arrays.copyOf(d, Math.max(64, size));
        user = Arrays.copyOf(u, Math.max(64, size));
    }
}
