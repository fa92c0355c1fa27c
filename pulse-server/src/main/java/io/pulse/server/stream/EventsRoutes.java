package io.pulse.server.stream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulse.core.PulseInputException;
import io.pulse.server.ApiError;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.Bodies;
import io.pulse.server.PulseServer;
import io.pulse.server.RouteDoc;
import io.pulse.server.ServerSettings;
import io.pulse.stream.EventParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/events}: a JSON array of canonical events into the {@link HttpIngest} queue.
 *
 * <p>A batch is taken whole or not at all. With one bad event the request is answered 400 with the problems
 * (index in the array, field, reason; the first {@value #MAX_ERRORS}, while the message counts every bad event)
 * and nothing is queued: the client fixes and resends the batch, and no event is in the stream without the
 * client knowing which. Likewise a full queue takes none of the request (429 with {@code Retry-After}).
 */
public final class EventsRoutes implements ApiRoutes {

    static final int MAX_ERRORS = 100;
    /** Longest string field: ids and names, bounded so a client cannot fill the dictionaries with megabytes. */
    static final int MAX_TEXT = 512;
    private static final List<String> FIELDS = EventParser.FIELDS;
    private static final int TS = FIELDS.indexOf("ts");
    private static final int AMOUNT = FIELDS.indexOf("amount");
    private static final int DURATION = FIELDS.indexOf("duration_s");
    private static final int QUANTITY = FIELDS.indexOf("quantity");
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final HttpIngest ingest;
    private final ServerSettings settings;
    /**
     * Requests parsed at once: a body of the largest size takes ten times its size as a JSON tree, so without a
     * bound the server's threads could hold gigabytes; a request past it is turned away like a full queue.
     */
    private final Semaphore parsing = new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    static final List<RouteDoc> DOCS = List.of(new RouteDoc("POST", "/api/events", "stream", "A JSON array of events"
            + " (the canonical fields) into the live stream's queue, taken whole or not at all: 202 {accepted,"
            + " queued_events}; 400 invalid_events with index, field and reason; 413; 429 queue_full with Retry-After;"
            + " 503 shutting_down", true, List.of()).answering(202, "application/json"));

    public EventsRoutes(HttpIngest ingest, ServerSettings settings) {
        this.ingest = ingest;
        this.settings = settings;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        routes.post("/api/events", token.protect(this::post));
    }

    @Override
    public List<RouteDoc> docs() {
        return DOCS;
    }

    private void post(Context ctx) throws IOException {
        if (!parsing.tryAcquire()) {
            throw new ApiError(429, "busy", "too many requests are being read at once; none of this one was"
                    + " accepted, send it again later", Map.of(),
                    Map.of("Retry-After", Integer.toString(settings.retryAfterSeconds())));
        }
        try {
            take(ctx);
        } finally {
            parsing.release();
        }
    }

    private void take(Context ctx) throws IOException {
        JsonNode body = parse(readBounded(ctx));
        if (!body.isArray()) {
            throw new ApiError(400, "not_an_array", "expected a JSON array of events, got " + body.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        if (body.size() > settings.maxEventsPerRequest()) {
            throw new ApiError(413, "too_many_events", body.size() + " events in one request; at most "
                    + settings.maxEventsPerRequest());
        }
        List<String[]> rows = new ArrayList<>(body.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < body.size(); i++) {
            List<Map<String, Object>> problems = new ArrayList<>();
            String[] row = row(body.get(i), i, problems);
            if (problems.isEmpty()) {
                try {
                    EventParser.checkFields(row, "request", i);
                } catch (PulseInputException e) {
                    error(problems, i, e.field().orElse(null), e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                rows.add(row);
            } else {
                bad++;
                errors.addAll(problems.subList(0, Math.min(problems.size(), MAX_ERRORS - errors.size())));
            }
        }
        if (bad > 0) {
            throw ApiError.invalidEvents(bad + " of " + body.size() + " events are invalid; none was accepted",
                    errors);
        }
        switch (ingest.offer(rows)) {
            case FULL -> throw new ApiError(429, "queue_full", "the stream's queue is full (" + ingest.queued()
                    + " of " + ingest.capacity() + " events); none of the " + rows.size()
                    + " was accepted, send them again later", Map.of(),
                    Map.of("Retry-After", Integer.toString(settings.retryAfterSeconds())));
            case CLOSED -> throw new ApiError(503, "shutting_down", "the stream is shutting down; none of the "
                    + rows.size() + " was accepted");
            case ACCEPTED -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("accepted", rows.size());
                m.put("queued_events", ingest.queued());
                m.put("queue_capacity", ingest.capacity());
                PulseServer.json(ctx, 202, m);
            }
        }
    }

    private byte[] readBounded(Context ctx) throws IOException {
        return Bodies.readBounded(ctx, settings.maxBodyBytes(), "send fewer events per request");
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new ApiError(400, "invalid_json", "empty body; expected a JSON array of events");
        }
        try {
            return READER.readTree(body);
        } catch (JsonParseException e) {
            throw new ApiError(400, "invalid_json", "not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "invalid_json", "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(400, "invalid_json", "cannot read the body: " + e.getMessage());
        }
    }

    /** The event's values in {@link EventParser#FIELDS} order; problems of JSON types go to {@code errors}. */
    private static String[] row(JsonNode event, int index, List<Map<String, Object>> errors) {
        String[] row = new String[FIELDS.size()];
        if (event == null || !event.isObject()) {
            error(errors, index, null, "an event is a JSON object");
            return row;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            int at = FIELDS.indexOf(f.getKey());
            if (at < 0) {
                error(errors, index, f.getKey(), "unknown field; the fields are " + String.join(", ", FIELDS));
                continue;
            }
            String problem = null;
            JsonNode v = f.getValue();
            if (v.isNull()) {
                continue;
            } else if (at == AMOUNT || at == DURATION) {
                if (v.isNumber()) {
                    row[at] = v.decimalValue().toPlainString();
                } else if (v.isTextual()) {
                    row[at] = v.asText();
                } else {
                    problem = "must be a number";
                }
            } else if (at == QUANTITY) {
                if (v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?[0-9]{1,9}")) {
                    row[at] = v.asText();
                } else {
                    problem = "must be an integer";
                }
            } else if (v.isTextual() || v.isIntegralNumber()) {
                row[at] = v.asText();
            } else {
                problem = at == TS ? "must be an ISO-8601 string or epoch seconds/millis" : "must be a string";
            }
            if (problem == null && row[at] != null && row[at].length() > MAX_TEXT) {
                problem = "longer than " + MAX_TEXT + " characters";
            }
            if (problem != null) {
                error(errors, index, f.getKey(), problem);
            }
        }
        return row;
    }

    private static void error(List<Map<String, Object>> errors, int index, String field, String reason) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("index", index);
        e.put("field", field);
        e.put("reason", reason);
        errors.add(e);
    }
}
