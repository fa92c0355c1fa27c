package io.pulse.stream;

import java.util.Map;

/**
 * What the engine did with its input: every event in is accounted for as late, duplicate, filtered (by
 * reason) or windowed, so {@code eventsIn = late + duplicates + Σ filtered + accepted}.
 */
public record StreamStats(long eventsIn, long late, long duplicates, Map<NoiseFilter.Reason, Long> filtered,
                          long accepted, long windowsClosed, long alerts) {

    public StreamStats {
        filtered = Map.copyOf(filtered);
    }

    public long filteredTotal() {
        return filtered.values().stream().mapToLong(Long::longValue).sum();
    }
}
