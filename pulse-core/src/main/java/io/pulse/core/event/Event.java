package io.pulse.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the canonical event schema (see docs/event-format.md). Optional fields are null
 * when absent. {@code eventId} is never null once an event is stored: when the source has none
 * the store derives it from a hash of the row's content, which makes re-ingesting idempotent.
 */
public record Event(
        String eventId,
        String userId,
        Instant ts,
        EventType type,
        Double amount,
        Double durationS,
        String itemId,
        String category,
        String channel,
        String source,
        Integer quantity) {

    public Event {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(type, "type");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId is blank");
        }
        if (amount != null && (amount < 0 || amount.isNaN())) {
            throw new IllegalArgumentException("amount must be >= 0, got " + amount);
        }
        if (durationS != null && (durationS < 0 || durationS.isNaN())) {
            throw new IllegalArgumentException("durationS must be >= 0, got " + durationS);
        }
    }
}
