package io.pulse.core.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Time-series cross-validation over cutoffs, leaving the last {@code holdoutCutoffs} alone for
 * {@link ForwardHoldout}. Each fold tests on one of the {@code folds} cutoffs just before the holdout
 * and trains on the cutoffs c with c + horizonDays <= the test cutoff: a gap of one horizon, so no
 * training label window reaches into the days the test rows' features or labels cover. An expanding
 * window trains on all of them; a sliding window on the latest {@code slidingCutoffs}. A fold with no
 * such training cutoff is skipped.
 *
 * @param window expanding or sliding
 * @param folds how many test cutoffs, at least 1
 * @param slidingCutoffs training cutoffs per fold of a sliding window (unused when expanding)
 * @param holdoutCutoffs the last cutoffs never used here
 */
public record TimeSeriesCv(Window window, int folds, int slidingCutoffs, int holdoutCutoffs)
        implements ValidationScheme {

    public static final String ID = "time_series_cv";

    public enum Window { EXPANDING, SLIDING }

    public TimeSeriesCv {
        if (folds < 1 || slidingCutoffs < 1 || holdoutCutoffs < 0) {
            throw new IllegalArgumentException("need folds >= 1, slidingCutoffs >= 1 and holdoutCutoffs >= 0, got "
                    + folds + ", " + slidingCutoffs + " and " + holdoutCutoffs);
        }
    }

    /** An expanding window: every settled cutoff trains. */
    public static TimeSeriesCv expanding(int folds, int holdoutCutoffs) {
        return new TimeSeriesCv(Window.EXPANDING, folds, 1, holdoutCutoffs);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Split> splits(LabelledRows rows) {
        int lastTest = rows.cutoffs().length - holdoutCutoffs;
        List<Split> splits = new ArrayList<>();
        for (int test = Math.max(0, lastTest - folds); test < lastTest; test++) {
            int trainTo = rows.settledBy(test);
            int trainFrom = window == Window.SLIDING ? Math.max(0, trainTo - slidingCutoffs) : 0;
            if (trainTo > trainFrom) {
                splits.add(rows.split("test " + rows.cutoffs()[test], trainFrom, trainTo, test, test + 1));
            }
        }
        return splits;
    }
}
