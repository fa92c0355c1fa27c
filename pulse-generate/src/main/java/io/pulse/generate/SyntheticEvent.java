package io.pulse.generate;

import io.pulse.core.event.EventType;
import io.pulse.generate.internal.Ids;
import java.time.Instant;

/**
 * One generated event, in the canonical schema. Numbers are kept primitive because a generation
 * makes millions of these: an absent amount, duration or item is {@code -1}, an absent quantity is
 * {@code 0}, an absent string is null.
 *
 * @param seq             generation order, unique; the event id is its base-36 form
 * @param user            user index; the user id is its zero-padded form
 * @param epochSecond     when, in UTC
 * @param amountCents     purchase or refund value in cents
 * @param durationSeconds browse time of a view or a whole session
 * @param item            item index in the catalog
 */
public record SyntheticEvent(
        long seq,
        int user,
        long epochSecond,
        EventType type,
        long amountCents,
        int durationSeconds,
        int item,
        String category,
        String channel,
        String source,
        int quantity) {

    public static final long NO_AMOUNT = -1;
    public static final int NO_DURATION = -1;
    public static final int NO_ITEM = -1;
    public static final int NO_QUANTITY = 0;

    public String eventId() {
        return Ids.event(seq);
    }

    public String userId() {
        return Ids.user(user);
    }

    /** The item id, or null when the event is not about an item. */
    public String itemId() {
        return item == NO_ITEM ? null : Ids.item(item);
    }

    public Instant ts() {
        return Instant.ofEpochSecond(epochSecond);
    }

    public boolean hasAmount() {
        return amountCents != NO_AMOUNT;
    }
}
