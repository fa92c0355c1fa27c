package io.pulse.generate.internal;

import io.pulse.core.event.EventType;
import io.pulse.generate.EventSink;
import io.pulse.generate.SyntheticAction;
import io.pulse.generate.SyntheticEvent;
import io.pulse.generate.SyntheticUser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers events in generation order, hands users, events and actions to the sink, and keeps the running
 * totals for the summary.
 */
final class Output {

    private final EventSink sink;
    private long seq;
    private long purchases;
    private long revenueCents;
    private final Map<String, Long> usersBySegment = new LinkedHashMap<>();

    Output(EventSink sink, List<String> segments) {
        this.sink = sink;
        segments.forEach(s -> usersBySegment.put(s, 0L));
    }

    void user(SyntheticUser user) {
        usersBySegment.merge(user.segment(), 1L, Long::sum);
        sink.user(user);
    }

    void event(int user, long epochSecond, EventType type, long amountCents, int durationSeconds, int item,
               String category, String channel, String source, int quantity) {
        sink.event(new SyntheticEvent(seq++, user, epochSecond, type, amountCents, durationSeconds, item,
                category, channel, source, quantity));
        if (type == EventType.PURCHASE) {
            purchases++;
            revenueCents += amountCents;
        }
    }

    void action(SyntheticAction action) {
        sink.action(action);
    }

    /** In the order the segments were given. */
    Map<String, Long> usersBySegment() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(usersBySegment));
    }

    long events() {
        return seq;
    }

    long purchases() {
        return purchases;
    }

    long revenueCents() {
        return revenueCents;
    }
}
