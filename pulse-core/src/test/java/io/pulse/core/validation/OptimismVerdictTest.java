package io.pulse.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OptimismVerdictTest {

    private static AucEstimate auc(double value, double low, double high) {
        return new AucEstimate(value, new Interval(low, high), 0.95);
    }

    @Test
    void anOptimisticRandomKFoldAndACloseTimeSeriesCvMeanTrustTimeSeriesCv() {
        OptimismVerdict v = OptimismVerdict.judge(auc(0.82, 0.81, 0.83), auc(0.785, 0.77, 0.80),
                auc(0.78, 0.75, 0.81));
        assertThat(v.optimismGap()).isCloseTo(0.04, within(1e-12));
        assertThat(v.timeSeriesCvGap()).isCloseTo(0.005, within(1e-12));
        assertThat(v.randomKFoldHarmless()).isFalse();
        assertThat(v.trust()).isEqualTo(OptimismVerdict.Trust.TIME_SERIES_CV);
        assertThat(v.verdict()).isEqualTo("Random K-fold overstates what production will see by 0.04 AUC"
                + " (0.82 vs 0.78 on the forward holdout); time-series CV lands within 0.01 of the forward holdout:"
                + " trust time-series CV (0.79, 95% interval 0.77–0.80), which averages more cutoffs than the"
                + " holdout's.");
    }

    @Test
    void aGapUnderOneHundredthMakesRandomKFoldHarmless() {
        OptimismVerdict v = OptimismVerdict.judge(auc(0.784, 0.77, 0.79), auc(0.78, 0.77, 0.79),
                auc(0.776, 0.75, 0.80));
        assertThat(v.randomKFoldHarmless()).isTrue();
        assertThat(v.verdict()).startsWith("Random K-fold is harmless here: it lands within 0.01 AUC of the"
                + " forward holdout (0.78 vs 0.78); time-series CV lands within 0.01");
    }

    @Test
    void aGapOfExactlyOneHundredthIsNotHarmless() {
        // 0.79 - 0.78 is 0.010000000000000009 in doubles; the rule reads it as 0.01, not small.
        assertThat(OptimismVerdict.judge(auc(0.79, 0, 1), auc(0.78, 0, 1), auc(0.78, 0, 1)).randomKFoldHarmless())
                .isFalse();
    }

    @Test
    void timeSeriesCvThreeHundredthsAwayIsStillTrusted() {
        // 0.81 - 0.78 is 0.030000000000000027 in doubles: on the limit, which is inclusive.
        OptimismVerdict v = OptimismVerdict.judge(auc(0.85, 0, 1), auc(0.81, 0, 1), auc(0.78, 0, 1));
        assertThat(v.trust()).isEqualTo(OptimismVerdict.Trust.TIME_SERIES_CV);
        assertThat(v.verdict()).contains("lands within 0.03 of the forward holdout");
    }

    @Test
    void aTimeSeriesCvFarFromTheHoldoutMeansTrustTheHoldoutWithItsInterval() {
        OptimismVerdict v = OptimismVerdict.judge(auc(0.86, 0.85, 0.87), auc(0.83, 0.82, 0.84),
                auc(0.78, 0.75, 0.81));
        assertThat(v.trust()).isEqualTo(OptimismVerdict.Trust.FORWARD_HOLDOUT);
        assertThat(v.trusted().auc()).isEqualTo(0.78);
        assertThat(v.verdict()).isEqualTo("Random K-fold overstates what production will see by 0.08 AUC"
                + " (0.86 vs 0.78 on the forward holdout); time-series CV misses the forward holdout by 0.05 AUC"
                + " (0.83 vs 0.78): trust the forward holdout (0.78, 95% interval 0.75–0.81).");
    }

    @Test
    void aPessimisticRandomKFoldIsCalledUnderstating() {
        OptimismVerdict v = OptimismVerdict.judge(auc(0.75, 0, 1), auc(0.78, 0, 1), auc(0.78, 0, 1));
        assertThat(v.optimismGap()).isCloseTo(-0.03, within(1e-12));
        assertThat(v.verdict()).startsWith("Random K-fold understates the forward holdout by 0.03 AUC");
    }

    @Test
    void withoutTimeSeriesFoldsTheHoldoutIsTrusted() {
        OptimismVerdict v = OptimismVerdict.judge(AucEstimate.UNDEFINED, AucEstimate.UNDEFINED,
                auc(0.78, 0.75, 0.81));
        assertThat(v.trust()).isEqualTo(OptimismVerdict.Trust.FORWARD_HOLDOUT);
        assertThat(v.verdict()).isEqualTo("Time-series CV had no fold with a training cutoff: trust the forward"
                + " holdout (0.78, 95% interval 0.75–0.81).");
    }

    @Test
    void anUndefinedHoldoutGivesNoVerdict() {
        OptimismVerdict v = OptimismVerdict.judge(auc(0.8, 0, 1), auc(0.8, 0, 1), AucEstimate.UNDEFINED);
        assertThat(v.trust()).isEqualTo(OptimismVerdict.Trust.NONE);
        assertThat(v.optimismGap()).isNaN();
        assertThat(v.verdict()).contains("nothing to judge");
    }

    @Test
    void anEstimateTakesItsAucAndIntervalFromTheMetrics() {
        double[] p = {0.1, 0.4, 0.35, 0.8};
        boolean[] y = {false, false, true, true};
        AucEstimate estimate = AucEstimate.of(BinaryMetrics.of(p, y), new Bootstrap(50, 0.9, 1).intervals(p, y));
        assertThat(estimate.auc()).isEqualTo(0.75);
        assertThat(estimate.level()).isEqualTo(0.9);
        assertThat(estimate.describe()).startsWith("0.75, 90% interval ");
    }
}
