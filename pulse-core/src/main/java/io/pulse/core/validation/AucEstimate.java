package io.pulse.core.validation;

import java.util.Locale;

/**
 * One scheme's ROC AUC with its bootstrap interval.
 *
 * @param auc the point estimate; NaN when undefined (one class, or no split)
 * @param interval the bootstrap interval, {@link Interval#UNDEFINED} when there is none
 * @param level coverage of the interval, e.g. 0.95
 */
public record AucEstimate(double auc, Interval interval, double level) {

    public static final AucEstimate UNDEFINED = new AucEstimate(Double.NaN, Interval.UNDEFINED, Double.NaN);

    public static AucEstimate of(BinaryMetrics metrics, MetricIntervals intervals) {
        return new AucEstimate(metrics.rocAuc(), intervals.rocAuc(), intervals.level());
    }

    public boolean defined() {
        return !Double.isNaN(auc);
    }

    /** e.g. "0.78, 95% interval 0.75–0.81", or "0.78" without an interval. */
    public String describe() {
        String point = String.format(Locale.ROOT, "%.2f", auc);
        if (Double.isNaN(interval.low()) || Double.isNaN(interval.high())) {
            return point;
        }
        return String.format(Locale.ROOT, "%s, %.0f%% interval %.2f–%.2f", point, 100 * level, interval.low(),
                interval.high());
    }
}
