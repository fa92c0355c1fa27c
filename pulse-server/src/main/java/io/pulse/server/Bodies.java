package io.pulse.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies read with a bound. */
public final class Bodies {

    private Bodies() {
    }

    /**
     * The body, refused with 413 {@code body_too_large} past {@code limit} bytes whether or not the client declared
     * its length; {@code hint} ends the message (what to send instead).
     */
    public static byte[] readBounded(Context ctx, long limit, String hint) throws IOException {
        if (ctx.contentLength() > limit) {
            throw tooLarge(limit, hint);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(ctx.contentLength(), 0), limit));
        byte[] buf = new byte[8192];
        try (InputStream in = ctx.bodyInputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (out.size() + (long) n > limit) {
                    throw tooLarge(limit, hint);
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static ApiError tooLarge(long limit, String hint) {
        return new ApiError(413, "body_too_large", "the request body is over the limit of " + limit + " bytes; "
                + hint);
    }
}
