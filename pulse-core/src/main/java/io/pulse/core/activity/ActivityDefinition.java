package io.pulse.core.activity;

import io.pulse.core.PulseInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a user counts as active in a period (a day, a week, a month or a trailing window).
 *
 * <p>The store keeps only events whose type is in {@code eventTypes} (empty means every type);
 * the analyzer then asks, per user and period, that the qualifying events add up to at least
 * {@code minEvents} and the browse seconds to at least {@code minBrowseSeconds}.
 */
public record ActivityDefinition(Set<String> eventTypes, int minEvents, double minBrowseSeconds) {

    /** The project's default: one event of any kind makes a user active. */
    public static final ActivityDefinition DEFAULT = new ActivityDefinition(Set.of(), 1, 0);

    public ActivityDefinition {
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        if (minEvents < 1) {
            throw new PulseInputException(null, 0, "minEvents",
                    "minEvents must be at least 1, got " + minEvents);
        }
        if (!(minBrowseSeconds >= 0) || Double.isInfinite(minBrowseSeconds)) {
            throw new PulseInputException(null, 0, "minBrowseSeconds",
                    "minBrowseSeconds must be a finite number of seconds >= 0, got " + minBrowseSeconds);
        }
    }

    /** For example "a user is active in a period with at least 1 event of any type". */
    public String describe() {
        StringBuilder s = new StringBuilder("a user is active in a period with at least ")
                .append(minEvents).append(minEvents == 1 ? " event" : " events");
        if (eventTypes.isEmpty()) {
            s.append(" of any type");
        } else {
            List<String> types = List.copyOf(new TreeSet<>(eventTypes));
            s.append(types.size() == 1 ? " of type " : " of types ").append(orList(types));
        }
        if (minBrowseSeconds > 0) {
            String seconds = BigDecimal.valueOf(minBrowseSeconds).stripTrailingZeros().toPlainString();
            s.append(" and at least ").append(seconds)
                    .append(minBrowseSeconds == 1 ? " second" : " seconds").append(" of browsing");
        }
        return s.toString();
    }

    private static String orList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
