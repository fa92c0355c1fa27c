package io.pulse.server;

/**
 * How the server listens and what it takes.
 *
 * @param bind                address to listen on; 127.0.0.1 keeps it on this machine
 * @param port                0 for any free port (see {@link PulseServer#port()})
 * @param token               the bearer token every {@code /api} route but health requires
 * @param maxBodyBytes        largest request body; more is answered 413
 * @param maxEventsPerRequest most events in one {@code POST /api/events}; more is answered 413
 * @param retryAfterSeconds   what a 429 asks the client to wait before sending again
 */
public record ServerSettings(String bind, int port, String token, long maxBodyBytes, int maxEventsPerRequest,
                             int retryAfterSeconds) {

    public static final long DEFAULT_MAX_BODY = 1 << 20;
    public static final int DEFAULT_MAX_EVENTS = 10_000;

    public ServerSettings {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the server needs a token");
        }
        if (port < 0 || port > 65_535 || maxBodyBytes < 1 || maxEventsPerRequest < 1 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("bad server settings: " + port + ", " + maxBodyBytes + ", "
                    + maxEventsPerRequest + ", " + retryAfterSeconds);
        }
    }

    /** Loopback, 1 MiB bodies, 10,000 events a request, retry after 1 s. */
    public static ServerSettings defaults(int port, String token) {
        return new ServerSettings("127.0.0.1", port, token, DEFAULT_MAX_BODY, DEFAULT_MAX_EVENTS, 1);
    }

    public ServerSettings withBind(String bind) {
        return new ServerSettings(bind, port, token, maxBodyBytes, maxEventsPerRequest, retryAfterSeconds);
    }

    public ServerSettings withLimits(long maxBodyBytes, int maxEventsPerRequest) {
        return new ServerSettings(bind, port, token, maxBodyBytes, maxEventsPerRequest, retryAfterSeconds);
    }
}
