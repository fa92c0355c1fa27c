package io.pulse.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer other than success, thrown by a route and written by {@link PulseServer} as
 * {@code {"code": ..., "message": ..., ...details}} with its status and headers. Never carries a stack trace.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of(), Map.of());
    }

    public ApiError(int status, String code, String message, Map<String, Object> details, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
        this.headers = headers;
    }

    /** 400 with the problems of single events: each with its index in the array, the field and why. */
    public static ApiError invalidEvents(String message, List<Map<String, Object>> errors) {
        return new ApiError(400, "invalid_events", message, Map.of("errors", errors), Map.of());
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", getMessage());
        m.putAll(details);
        return m;
    }
}
