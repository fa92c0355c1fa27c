package io.pulse.server;

import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * An answer encoded once and sent many times: its bytes and their gzip. A client that accepts gzip (every browser)
 * gets the smaller one; compressing once, not per request, keeps the CPU for the requests.
 */
public record Payload(byte[] plain, byte[] gzipped) {

    public static Payload of(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Payload(plain, out.toByteArray());
    }

    /** Sends the bytes the client can take, with their {@code contentType}. */
    public void send(Context ctx, String contentType) {
        String accepts = ctx.header("Accept-Encoding");
        boolean gzip = accepts != null && accepts.toLowerCase(Locale.ROOT).contains("gzip");
        ctx.header("Vary", "Accept-Encoding");
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
        }
        ctx.contentType(contentType).result(gzip ? gzipped : plain);
    }
}
