package io.pulse.core.event;

import java.util.Locale;
import java.util.Objects;

/**
 * The kind of an event. The seven standard kinds are constants; a deployment may add its own
 * (for example {@code wishlist}) through configuration, so this is a value, not an enum.
 */
public record EventType(String name) {

    public static final EventType VIEW = new EventType("view");
    public static final EventType SESSION = new EventType("session");
    public static final EventType SEARCH = new EventType("search");
    public static final EventType CART = new EventType("cart");
    public static final EventType PURCHASE = new EventType("purchase");
    public static final EventType REFUND = new EventType("refund");
    public static final EventType CLICK = new EventType("click");

    public EventType {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new IllegalArgumentException(
                    "event type must be lower-case letters, digits or _ (at most 32), got '" + name + "'");
        }
    }

    public static EventType of(String name) {
        return new EventType(name.trim().toLowerCase(Locale.ROOT));
    }

    /** Purchases and refunds carry money; the other kinds do not. */
    public boolean carriesAmount() {
        return equals(PURCHASE) || equals(REFUND);
    }

    @Override
    public String toString() {
        return name;
    }
}
