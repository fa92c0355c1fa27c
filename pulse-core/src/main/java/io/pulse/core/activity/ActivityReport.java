package io.pulse.core.activity;

import java.time.LocalDate;
import java.util.List;

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
}
