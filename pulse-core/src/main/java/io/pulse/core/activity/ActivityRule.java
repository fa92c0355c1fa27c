package io.pulse.core.activity;

/**
 * The per-period half of an {@link ActivityDefinition}, in the units the columns use (events and
 * browse milliseconds), so the hot loops compare longs.
 */
record ActivityRule(long minEvents, long minBrowseMillis) {

    static ActivityRule of(ActivityDefinition definition) {
        return new ActivityRule(definition.minEvents(), Math.round(definition.minBrowseSeconds() * 1000.0));
    }

    boolean isActive(long events, long browseMillis) {
        return events >= minEvents && browseMillis >= minBrowseMillis;
    }
}
