package io.pulse.core.activity;

/**
 * Where known users stand in a period, compared with the previous period of the range:
 * {@code newUsers + returning + resurrecting} are the active users and, with {@code dormant},
 * all known users; {@code lapsed} (active last period, not this one) is part of {@code dormant}.
 */
public record LifecycleCounts(
        Granularity granularity,
        String period,
        long newUsers,
        long returning,
        long resurrecting,
        long dormant,
        long lapsed) {

    public long active() {
        return newUsers + returning + resurrecting;
    }

    public long known() {
        return active() + dormant;
    }
}
