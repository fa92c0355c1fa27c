package io.pulse.core.backtest;

/**
 * How well one policy caught the users who went on to churn, pooled over the cutoffs.
 *
 * @param actions users acted on (one action per flagged user per cutoff)
 * @param caught flagged users who did churn
 * @param churners users who churned, flagged or not
 * @param medianLeadDays over the caught: the days left before they would have counted as churned
 *     (the horizon minus their silence when flagged); NaN when none was caught
 */
public record CatchScore(long actions, long caught, long churners, double medianLeadDays) {

    public double precision() {
        return actions == 0 ? 0 : (double) caught / actions;
    }

    public double recall() {
        return churners == 0 ? 0 : (double) caught / churners;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
