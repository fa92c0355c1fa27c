package io.pulse.core.event;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The vocabulary of event types a store accepts: the standard seven plus any configured extras. */
public record EventTypes(Set<EventType> all) {

    public static final List<EventType> STANDARD = List.of(
            EventType.VIEW, EventType.SESSION, EventType.SEARCH, EventType.CART,
            EventType.PURCHASE, EventType.REFUND, EventType.CLICK);

    public EventTypes {
        all = Set.copyOf(all);
    }

    public static EventTypes standard() {
        return new EventTypes(new LinkedHashSet<>(STANDARD));
    }

    public EventTypes with(Collection<String> extra) {
        Set<EventType> merged = new LinkedHashSet<>(STANDARD);
        merged.addAll(all);
        extra.forEach(name -> merged.add(EventType.of(name)));
        return new EventTypes(merged);
    }

    public boolean accepts(String name) {
        return names().contains(name);
    }

    public List<String> names() {
        return all.stream().map(EventType::name).sorted().collect(Collectors.toList());
    }
}
