package io.pulse.core.validation;

import java.util.List;

/**
 * What production will see: train on the past, test on the last {@code holdoutCutoffs} cutoffs. The
 * training cutoffs are those c with c + horizonDays <= the first test cutoff, so every training label
 * was known on the day the first test rows were scored.
 *
 * @param holdoutCutoffs how many of the last cutoffs to test on, at least 1
 */
public record ForwardHoldout(int holdoutCutoffs) implements ValidationScheme {

    public static final String ID = "forward_holdout";

    public ForwardHoldout {
        if (holdoutCutoffs < 1) {
            throw new IllegalArgumentException("a forward holdout needs at least one cutoff, got " + holdoutCutoffs);
        }
    }

    /** Tests on the last cutoff. */
    public ForwardHoldout() {
        this(1);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Split> splits(LabelledRows rows) {
        int cutoffs = rows.cutoffs().length;
        int firstTest = cutoffs - holdoutCutoffs;
        if (firstTest < 1) {
            return List.of();
        }
        int trainTo = rows.settledBy(firstTest);
        if (trainTo == 0) {
            return List.of();
        }
        return List.of(rows.split("forward holdout from " + rows.cutoffs()[firstTest], 0, trainTo, firstTest,
                cutoffs));
    }
}
