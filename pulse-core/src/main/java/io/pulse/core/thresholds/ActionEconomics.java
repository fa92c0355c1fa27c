package io.pulse.core.thresholds;

import io.pulse.core.PulseInputException;

/**
 * What acting on a customer costs and earns.
 *
 * @param cost the cost of one action (a voucher, a call), in money
 * @param retainedValue the value of a customer kept who would have been lost, in the same money
 * @param uplift the share of would-be-lost customers an action saves
 */
public record ActionEconomics(double cost, double retainedValue, double uplift) {

    public static final ActionEconomics DEFAULTS = new ActionEconomics(1, 50, 0.1);

    public ActionEconomics {
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new PulseInputException("--action-cost", 0, "action-cost", "need a cost >= 0, got " + cost);
        }
        if (!(retainedValue > 0) || Double.isInfinite(retainedValue)) {
            throw new PulseInputException("--retained-value", 0, "retained-value", "need a value > 0, got " + retainedValue);
        }
        if (!(uplift > 0 && uplift <= 1)) {
            throw new PulseInputException("--uplift", 0, "uplift", "need 0 < uplift <= 1, got " + uplift);
        }
    }

    /** The expected value of acting on a customer who would be lost with probability {@code lost}. */
    public double valueOfActing(double lost) {
        return uplift * lost * retainedValue - cost;
    }

    /** Below this probability of activity, acting pays on expectation: u (1 − p) v > c ⇔ p < 1 − c / (u v). */
    public double breakEvenProbability() {
        return 1 - cost / (uplift * retainedValue);
    }
}
