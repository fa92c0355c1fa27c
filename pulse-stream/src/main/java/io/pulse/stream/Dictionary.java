package io.pulse.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns the values of one field (user ids, items, sources, ...) to dense ints, straight from the bytes
 * of a line: a hit costs a hash and a byte comparison, no String. Dense ids let every later stage keep
 * its per-key state in plain arrays.
 *
 * <p>One writer (the parsing thread) may intern while another thread reads {@link #name(int)} for an id
 * it received through a queue: names are written before the id is handed out, and the array is
 * published through a volatile field when it grows.
 */
public final class Dictionary {

    private int[] slots = new int[64];
    private byte[][] keys = new byte[64][];
    private int[] hashes = new int[64];
    private volatile String[] names = new String[32];
    private int size;

    public Dictionary() {
        Arrays.fill(slots, -1);
    }

    /** The id of {@code bytes[from, to)}, assigning the next id the first time it is seen. */
    public int intern(byte[] bytes, int from, int to) {
        int h = hash(bytes, from, to);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int id = slots[i];
            if (id < 0) {
                return add(i, h, Arrays.copyOfRange(bytes, from, to));
            }
            if (hashes[id] == h && Arrays.equals(keys[id], 0, keys[id].length, bytes, from, to)) {
                return id;
            }
        }
    }

    public int intern(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return intern(b, 0, b.length);
    }

    /** The id of {@code value}, or -1 when it was never interned. */
    public int find(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        int h = hash(b, 0, b.length);
        int mask = slots.length - 1;
        for (int i = h & mask; slots[i] >= 0; i = (i + 1) & mask) {
            int id = slots[i];
            if (hashes[id] == h && Arrays.equals(keys[id], b)) {
                return id;
            }
        }
        return -1;
    }

    public String name(int id) {
        return names[id];
    }

    public int size() {
        return size;
    }

    /**
     * The names interned so far, in id order. Safe while the parsing thread interns: it is a prefix of
     * the ids handed out, and covers every id a reader has received through a queue.
     */
    String[] snapshot() {
        String[] n = names;
        int k = 0;
        while (k < n.length && n[k] != null) {
            k++;
        }
        return Arrays.copyOf(n, k);
    }

    /** Interns {@code names} in order so each gets its old id; the dictionary must hold a prefix of them. */
    void restore(String[] names) {
        for (int id = 0; id < names.length; id++) {
            if (intern(names[id]) != id) {
                throw new IllegalStateException("dictionary does not match the checkpoint at id " + id);
            }
        }
    }

    private int add(int slot, int h, byte[] key) {
        int id = size++;
        if (id == keys.length) {
            keys = Arrays.copyOf(keys, id * 2);
            hashes = Arrays.copyOf(hashes, id * 2);
        }
        keys[id] = key;
        hashes[id] = h;
        String[] n = names;
        if (id == n.length) {
            n = Arrays.copyOf(n, id * 2);
        }
        n[id] = new String(key, StandardCharsets.UTF_8);
        names = n;
        slots[slot] = id;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] s = new int[slots.length * 2];
        Arrays.fill(s, -1);
        int mask = s.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hashes[id] & mask;
            while (s[i] >= 0) {
                i = (i + 1) & mask;
            }
            s[i] = id;
        }
        slots = s;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x9E3779B9;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
