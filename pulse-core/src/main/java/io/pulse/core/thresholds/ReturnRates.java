package io.pulse.core.thresholds;

import java.util.Arrays;

/**
 * How often users do not come back: by the number of active days a user had so far, the share of
 * their active days that were followed by at least {@code horizonDays} of silence. A user with one
 * active day usually never returns; one with twenty almost always does. Counted only over active
 * days whose horizon ends by the cutoff, so nothing after the cutoff is used.
 *
 * <p>This is the part of churn that a user's own rhythm cannot tell: their gap distribution says how
 * long they stay away when they come back at all, this says how likely they are to stop altogether.
 * {@link DormancyThreshold#churnRisk} combines the two.
 *
 * @param bucketUpperBounds inclusive upper bounds of the active-day buckets, the last open-ended
 * @param noReturn per bucket, the share of its active days not followed by a return within the horizon
 * @param counted per bucket, how many active days were counted
 */
public record ReturnRates(int horizonDays, int[] bucketUpperBounds, double[] noReturn, long[] counted) {

    /** 1, 2, 3, 4, 5–7, 8–12, 13–20, 21 and more active days. */
    static final int[] BUCKETS = {1, 2, 3, 4, 7, 12, 20, Integer.MAX_VALUE};
    /** A bucket with fewer counted days than this borrows from the one below it, its rate being noise. */
    static final int MIN_COUNTED = 30;

    /**
     * @param gaps each user's gaps between consecutive active days, in day order
     * @param silentDays each user's days since their last active day, at the cutoff
     */
    public static ReturnRates fit(int[][] gaps, int[] silentDays, int horizonDays) {
        long[] counted = new long[BUCKETS.length];
        long[] gone = new long[BUCKETS.length];
        for (int u = 0; u < gaps.length; u++) {
            int[] g = gaps[u];
            // Days from each active day to the cutoff, newest first: silent, silent + last gap, ...
            long toCutoff = silentDays[u];
            for (int j = g.length; j >= 0; j--) {
                if (toCutoff >= horizonDays) {
                    int b = bucket(j + 1);
                    counted[b]++;
                    boolean next = j < g.length;
                    if (!next || g[j] > horizonDays) {
                        gone[b]++;
                    }
                }
                if (j > 0) {
                    toCutoff += g[j - 1];
                }
            }
        }
        double[] rate = new double[BUCKETS.length];
        double below = Double.NaN;
        for (int b = 0; b < BUCKETS.length; b++) {
            if (counted[b] >= MIN_COUNTED || Double.isNaN(below)) {
                rate[b] = counted[b] == 0 ? (Double.isNaN(below) ? 0 : below) : (double) gone[b] / counted[b];
            } else {
                rate[b] = below;
            }
            below = rate[b];
        }
        return new ReturnRates(horizonDays, BUCKETS.clone(), rate, counted);
    }

    /** The share of users with {@code activeDays} so far who stop for the whole horizon after an active day. */
    public double noReturn(int activeDays) {
        return noReturn[bucket(activeDays)];
    }

    static int bucket(int activeDays) {
        int b = Arrays.binarySearch(BUCKETS, activeDays);
        return b >= 0 ? b : -b - 1;
    }
}
