package io.pulse.server.api;

import io.javalin.http.Context;
import io.pulse.server.ApiError;

/** Query and path parameters, checked once at the boundary: a bad one is 400 with its name and why. */
final class Params {

    static final int MAX_PAGE = 1000;
    static final int MAX_ID = 256;
    static final int MAX_EXPRESSION = 2000;

    private Params() {
    }

    /** {@code limit}: 1 to {@value #MAX_PAGE}, default {@code fallback}. */
    static int limit(Context ctx, int fallback) {
        return integer(ctx, "limit", fallback, 1, MAX_PAGE);
    }

    /** {@code offset}: 0 or more, default 0. */
    static int offset(Context ctx) {
        return integer(ctx, "offset", 0, 0, 100_000_000);
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw bad(name, "must be an integer from " + min + " to " + max + ", got '" + cut(v) + "'");
    }

    /** A path parameter that names a user or a segment: 1 to {@value #MAX_ID} characters. */
    static String id(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (v.isEmpty() || v.length() > MAX_ID) {
            throw bad(name, "must be 1 to " + MAX_ID + " characters, got " + v.length());
        }
        return v;
    }

    /** A required text query parameter of at most {@code max} characters. */
    static String text(Context ctx, String name, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw bad(name, "is required");
        }
        if (v.length() > max) {
            throw bad(name, "is at most " + max + " characters, got " + v.length());
        }
        return v;
    }

    /** {@code true} or {@code false}; absent is {@code fallback}; anything else is 400. */
    static boolean flag(Context ctx, String name, boolean fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, "is true or false, got '" + cut(v) + "'");
        };
    }

    static ApiError bad(String name, String why) {
        return new ApiError(400, "bad_parameter", "parameter '" + name + "' " + why);
    }

    private static String cut(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
