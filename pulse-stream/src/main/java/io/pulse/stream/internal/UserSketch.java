package io.pulse.stream.internal;

/**
 * Linear counting (Whang, Vander-Zanden and Taylor 1990) of distinct users in {@value #WORDS} longs:
 * a bit per hashed user, n ≈ -m ln(V) with V the share of zero bits. Accurate to a few percent up to a
 * few hundred users, which is what telling "a few users" from "a crowd" needs; sketches of several
 * windows merge by OR.
 */
public final class UserSketch {

    public static final int WORDS = 8;
    private static final int BITS = WORDS * 64;

    private UserSketch() {
    }

    public static void add(long[] words, int offset, int user) {
        // Linear counting assumes random bits: murmur3's fmix32, since ids are dense and consecutive.
        int h = user;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        int bit = h & (BITS - 1);
        words[offset + (bit >>> 6)] |= 1L << (bit & 63);
    }

    /** The estimate for the sketch at {@code offset}; saturates at m ln m when every bit is set. */
    public static long estimate(long[] words, int offset) {
        int set = 0;
        for (int i = 0; i < WORDS; i++) {
            set += Long.bitCount(words[offset + i]);
        }
        int zeros = BITS - set;
        double v = zeros == 0 ? 1.0 / BITS : (double) zeros / BITS;
        return Math.round(-BITS * Math.log(v));
    }
}
