package io.pulse.core.activity;

import io.pulse.core.PulseInputException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to analyse: the activity definition, the date range (null ends mean the first and last day
 * with a row in the data), the granularities to report, the benchmark band and how many weeks the
 * retention matrix follows each cohort.
 */
public record ActivityOptions(
        ActivityDefinition definition,
        LocalDate from,
        LocalDate to,
        Set<Granularity> granularities,
        BenchmarkBand band,
        int retentionWeeks) {

    public ActivityOptions {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(granularities, "granularities");
        Objects.requireNonNull(band, "band");
        if (from != null && to != null && from.isAfter(to)) {
            throw new PulseInputException(null, 0, "from", "from " + from + " is after to " + to);
        }
        if (retentionWeeks < 1) {
            throw new PulseInputException(null, 0, "retentionWeeks",
                    "retentionWeeks must be at least 1, got " + retentionWeeks);
        }
        // An EnumSet iterates in DAY, WEEK, MONTH order whatever order the caller used.
        granularities = granularities.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(granularities));
    }

    /** The default definition over the data's whole range, every granularity, 30–40%, 12 weeks. */
    public static ActivityOptions defaults() {
        return new ActivityOptions(ActivityDefinition.DEFAULT, null, null,
                EnumSet.allOf(Granularity.class), BenchmarkBand.DEFAULT, 12);
    }

    public ActivityOptions withDefinition(ActivityDefinition definition) {
        return new ActivityOptions(definition, from, to, granularities, band, retentionWeeks);
    }

    public ActivityOptions withFrom(LocalDate from) {
        return new ActivityOptions(definition, from, to, granularities, band, retentionWeeks);
    }

    public ActivityOptions withTo(LocalDate to) {
        return new ActivityOptions(definition, from, to, granularities, band, retentionWeeks);
    }

    /** Both ends at once, so moving a range past its old end does not trip the from <= to check. */
    public ActivityOptions withRange(LocalDate from, LocalDate to) {
        return new ActivityOptions(definition, from, to, granularities, band, retentionWeeks);
    }

    public ActivityOptions withGranularities(Set<Granularity> granularities) {
        return new ActivityOptions(definition, from, to, granularities, band, retentionWeeks);
    }

    public ActivityOptions withGranularities(Granularity first, Granularity... rest) {
        return withGranularities(EnumSet.of(first, rest));
    }

    public ActivityOptions withBand(BenchmarkBand band) {
        return new ActivityOptions(definition, from, to, granularities, band, retentionWeeks);
    }

    public ActivityOptions withRetentionWeeks(int retentionWeeks) {
        return new ActivityOptions(definition, from, to, granularities, band, retentionWeeks);
    }
}
