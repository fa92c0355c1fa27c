package io.pulse.core.activity;

import io.pulse.core.Provenance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything {@link ActivityAnalyzer#analyze} finds, with the definition and range that produced
 * it. {@code periods} and {@code lifecycle} hold the requested granularities in DAY, WEEK, MONTH
 * order, each period of the range in time order.
 */
public record ActivityReport(
        List<PeriodActivity> periods,
        List<DailyEngagement> daily,
        double stickiness,
        RetentionMatrix retention,
        List<LifecycleCounts> lifecycle,
        BenchmarkVerdict benchmark,
        ActivityDefinition definition,
        LocalDate from,
        LocalDate to,
        long users) {

    public ActivityReport {
        periods = List.copyOf(periods);
        daily = List.copyOf(daily);
        lifecycle = List.copyOf(lifecycle);
    }

    public List<PeriodActivity> periods(Granularity granularity) {
        return periods.stream().filter(p -> p.granularity() == granularity).toList();
    }

    public List<LifecycleCounts> lifecycle(Granularity granularity) {
        return lifecycle.stream().filter(l -> l.granularity() == granularity).toList();
    }

    /** How this report was made, for printing beside its numbers. */
    public Provenance provenance(String data) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("eventTypes", definition.eventTypes().isEmpty()
                ? "any" : String.join(",", new TreeSet<>(definition.eventTypes())));
        parameters.put("minEvents", Integer.toString(definition.minEvents()));
        parameters.put("minBrowseSeconds", Double.toString(definition.minBrowseSeconds()));
        parameters.put("band", benchmark.low() + "-" + benchmark.high());
        parameters.put("retentionWeeks", Integer.toString(retention.maxWeeks()));
        return new Provenance(data, from, to, parameters, null, Provenance.pulseVersion(), Instant.now());
    }
}
