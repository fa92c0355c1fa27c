package io.pulse.core.activity;

import java.time.LocalDate;

/**
 * Activity in one period. {@code start} and {@code end} are the whole period's first and last day;
 * when the period sticks out of the analysed range it is {@code partial} and only its in-range
 * days were counted. {@code stickiness} (mean DAU / active users) is set for months with active
 * users and null otherwise.
 */
public record PeriodActivity(
        Granularity granularity,
        String period,
        LocalDate start,
        LocalDate end,
        long activeUsers,
        long knownUsers,
        double activeRate,
        boolean partial,
        Double stickiness) {
}
