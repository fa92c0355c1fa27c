package io.pulse.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * {@code Authorization: Bearer <token>}. Compares SHA-256 digests with {@link MessageDigest#isEqual}, which
 * takes the same time wherever they differ, so neither the token nor its length leaks through timing.
 */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";
    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = digest(token);
    }

    /** {@code handler}, run only for a request with the right token; others get 401. */
    public Handler protect(Handler handler) {
        return ctx -> {
            check(ctx);
            handler.handle(ctx);
        };
    }

    void check(Context ctx) {
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? header.substring(PREFIX.length()) : null;
        boolean ok = given != null && MessageDigest.isEqual(expected, digest(given));
        if (!ok) {
            throw new ApiError(401, "unauthorized",
                    header == null ? "missing Authorization: Bearer <token>" : "wrong bearer token", Map.of(),
                    Map.of("WWW-Authenticate", "Bearer"));
        }
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
