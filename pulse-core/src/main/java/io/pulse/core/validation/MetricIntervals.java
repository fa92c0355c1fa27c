package io.pulse.core.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bootstrap percentile intervals of the figures of {@link BinaryMetrics}, and how they were made.
 *
 * @param rounds bootstrap resamples drawn
 * @param level coverage of each interval, e.g. 0.95
 * @param seed seed of the resampling
 */
public record MetricIntervals(Interval accuracy, Interval rocAuc, Interval prAuc, Interval logLoss, Interval brier,
        int rounds, double level, long seed) {

    /** The intervals under the metric names used in reports: accuracy, roc_auc, pr_auc, log_loss, brier. */
    public Map<String, Interval> byName() {
        Map<String, Interval> named = new LinkedHashMap<>();
        named.put("accuracy", accuracy);
        named.put("roc_auc", rocAuc);
        named.put("pr_auc", prAuc);
        named.put("log_loss", logLoss);
        named.put("brier", brier);
        return named;
    }
}
