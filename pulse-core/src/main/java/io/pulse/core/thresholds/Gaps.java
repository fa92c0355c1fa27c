package io.pulse.core.thresholds;

import java.util.Arrays;

/** Gaps between a user's active days: the days from one active day to the next. */
public final class Gaps {

    private Gaps() {
    }

    /** The gaps between consecutive days of ascending, distinct {@code activeDays} (epoch days); one fewer than the days. */
    public static int[] between(int[] activeDays) {
        int[] out = new int[Math.max(0, activeDays.length - 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = activeDays[i + 1] - activeDays[i];
        }
        return out;
    }

    /** Natural logs of the gaps; a gap is at least one day, so every log is finite and non-negative. */
    public static double[] logs(int[] gaps) {
        double[] out = new double[gaps.length];
        for (int i = 0; i < gaps.length; i++) {
            out[i] = Math.log(gaps[i]);
        }
        return out;
    }

    /** The median gap (mean of the middle two for an even count), NaN when there is none. */
    public static double median(int[] gaps) {
        if (gaps.length == 0) {
            return Double.NaN;
        }
        int[] sorted = gaps.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
