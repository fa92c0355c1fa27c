package io.pulse.core.activity;

import java.time.LocalDate;
import java.util.List;

/**
 * Users whose first active week in the range is {@code week}: {@code active.get(k)} of them were
 * active k weeks later, {@code rates.get(k)} is that share (so {@code rates.get(0)} is 1).
 */
public record RetentionCohort(String week, LocalDate start, long size, List<Long> active, List<Double> rates) {

    public RetentionCohort {
        active = List.copyOf(active);
        rates = List.copyOf(rates);
    }
}
