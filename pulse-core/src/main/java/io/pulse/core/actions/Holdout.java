package io.pulse.core.actions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic control groups: a user is in a rule's control group when the SHA-256 of
 * {@code "ruleId:userId"} maps below the share. SHA-256 rather than {@link String#hashCode()} because
 * the assignment must be the same on every JVM and in every other tool that reproduces it, and must
 * be independent between rules (a user held out of one rule is not thereby held out of all).
 */
public final class Holdout {

    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;
    /**
     * One digest per thread: {@code MessageDigest.getInstance} looks the provider up on every call,
     * a fifth to a third of a draw's time (1M draws: 0.33–0.63 s, 0.20–0.48 s with the digest reused).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Holdout::sha256);

    private Holdout() {
    }

    public static boolean isControl(String userId, String ruleId, double share) {
        return unit(userId, ruleId) < share;
    }

    /** A number uniform in [0, 1): the top 53 bits of the digest's first eight bytes. */
    static double unit(String userId, String ruleId) {
        byte[] d = SHA_256.get().digest((ruleId + ":" + userId).getBytes(StandardCharsets.UTF_8));
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = (x << 8) | (d[i] & 0xFF);
        }
        return (x >>> 11) * TWO_TO_MINUS_53;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
