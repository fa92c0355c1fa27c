package io.pulse.core.thresholds;

import java.util.Arrays;

/**
 * The cut on the predicted probability of activity below which a segment's customers are worth acting
 * on: the cut that maximises Σ over users with p < cut of (u · lost · v − c), where lost is the chance
 * the user is lost without action. With {@code lost = 1 − p} (the model taken at its word) this is the
 * break-even {@code p < 1 − c / (u v)} up to where the users fall; with the observed outcome on a past
 * cutoff ({@code lost = 1} for a user who was not active) it also corrects a miscalibrated model.
 *
 * @param cut act on users with p < cut; 0 when acting on nobody pays, above every p when acting on all does
 * @param acted users below the cut
 * @param expectedValue the value at the cut
 */
public record EngagementCut(double cut, int acted, double expectedValue) {

    /** The best cut, taking each user's chance of being lost as {@code 1 − p}. */
    public static EngagementCut choose(double[] probability, ActionEconomics economics) {
        double[] lost = new double[probability.length];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = 1 - probability[i];
        }
        return choose(probability, lost, economics);
    }

    /**
     * The best cut given each user's chance of being lost (expected or observed). Only cuts between
     * distinct probabilities are tried, so tied users are acted on together; among equal values the
     * cut acting on fewer users wins.
     */
    public static EngagementCut choose(double[] probability, double[] lost, ActionEconomics economics) {
        int n = probability.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(probability[a], probability[b]));
        double[] p = new double[n];
        double[] gain = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] = probability[boxed[k]];
            gain[k] = economics.valueOfActing(lost[boxed[k]]);
        }
        int bestK = 0;
        double best = 0;
        double value = 0;
        for (int k = 1; k <= n; k++) {
            value += gain[k - 1];
            if ((k == n || p[k] > p[k - 1]) && value > best) {
                best = value;
                bestK = k;
            }
        }
        return new EngagementCut(cutAfter(p, bestK), bestK, best);
    }

    /** Halfway between the last user acted on and the next, so the cut reads as "p below". */
    private static double cutAfter(double[] sorted, int k) {
        if (k == 0) {
            return 0;
        }
        if (k == sorted.length) {
            return sorted[k - 1] < 1 ? 1 : Math.nextUp(1.0);
        }
        return (sorted[k - 1] + sorted[k]) / 2;
    }

    public boolean actsOn(double probability) {
        return probability < cut;
    }
}
