package io.pulse.core.thresholds;

import java.util.Locale;

/** A user's thresholds in words, e.g. "usually returns every 9 days; 21 days of silence is beyond their 95th percentile (17 days)". */
public final class ThresholdReason {

    /** Below this weight on their own gaps, the reason says the threshold leans on the segment. */
    static final double LEANS_ON_SEGMENT = 0.5;

    private ThresholdReason() {
    }

    /**
     * @param ownMedianGap NaN without gaps
     * @param probability NaN without a prediction
     * @param cut the segment's engagement cut, NaN without predictions
     */
    public static String of(String segment, int activeDays, double ownMedianGap, DormancyThreshold t, double q,
            int silentDays, double probability, double cut) {
        String pct = percentile(q);
        String silence = silentDays + " days of silence is " + (t.exceededBy(silentDays) ? "beyond" : "within");
        StringBuilder b = new StringBuilder();
        if (t.gaps() == 0) {
            b.append(activeDays == 1 ? "only one active day" : "no active day").append(", so the threshold is segment ")
                    .append(segment).append("'s: ").append(silence).append(" its ").append(pct)
                    .append(" percentile gap (").append(days(t.days())).append(" days)");
        } else {
            b.append("usually returns every ").append(days(ownMedianGap)).append(" days; ").append(silence)
                    .append(" their ").append(pct).append(" percentile (").append(days(t.days())).append(" days)");
            if (t.weight() < LEANS_ON_SEGMENT) {
                b.append(String.format(Locale.ROOT, "; with %d active days it leans on segment %s"
                        + " (their own gaps weigh %.0f%%)", activeDays, segment, 100 * t.weight()));
            }
        }
        if (Double.isNaN(probability) || Double.isNaN(cut)) {
            b.append("; no prediction, so no engagement threshold (run 'pulse predict')");
        } else {
            b.append(String.format(Locale.ROOT, "; probability of activity %.2f is %s the segment's cut %.2f%s",
                    probability, probability < cut ? "below" : "at or above", cut,
                    probability < cut ? ": worth acting on" : ""));
        }
        return b.toString();
    }

    /** 0.95 → "95th", 0.9 → "90th", 0.975 → "97.5th", 0.51 → "51st". */
    public static String percentile(double q) {
        double pct = Math.round(q * 1000) / 10.0;
        if (pct != Math.rint(pct)) {
            return String.format(Locale.ROOT, "%.1fth", pct);
        }
        int n = (int) pct;
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** Whole days, with one decimal below ten when not whole. */
    static String days(double d) {
        if (d == Math.rint(d) || d >= 10) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
