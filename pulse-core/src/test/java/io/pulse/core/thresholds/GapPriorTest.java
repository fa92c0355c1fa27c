package io.pulse.core.thresholds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GapPriorTest {

    // By hand: user means 0.1, 2, 4 (the user without gaps is skipped); within sums of squares
    // 0.02 + 0.02 over 1 + 1 degrees of freedom, so σ² = 0.02; μ0 = 6.1 / 3; the means' sample
    // variance is 7.606667 / 2 = 3.803333 and mean(1/n) = (1/2 + 1/2 + 1) / 3 = 2/3, so
    // τ0² = 3.803333 − 0.02 · 2/3 = 3.79.
    private static final double[][] LOG_GAPS = {{0, 0.2}, {1.9, 2.1}, {4}, {}};

    @Test
    void methodOfMomentsMatchesTheHandComputation() {
        GapPrior prior = GapPrior.fit(LOG_GAPS);
        assertThat(prior.users()).isEqualTo(3);
        assertThat(prior.sigmaSquared()).isCloseTo(0.02, within(1e-12));
        assertThat(prior.mu0()).isCloseTo(6.1 / 3, within(1e-12));
        assertThat(prior.tau0Squared()).isCloseTo(3.79, within(1e-12));
    }

    @Test
    void betweenUserVarianceIsFlooredAtZeroWhenWithinUserNoiseExplainsTheSpread() {
        // σ² = (2 + 2) / 2 = 2; means 1, 2, 3 have variance 1 < σ² · mean(1/n) = 2 · 2/3.
        GapPrior prior = GapPrior.fit(new double[][] {{0, 2}, {1, 3}, {3}});
        assertThat(prior.sigmaSquared()).isCloseTo(2, within(1e-12));
        assertThat(prior.tau0Squared()).isZero();
        assertThat(DormancyThreshold.of(new double[] {5, 5, 5}, prior, 0.95).meanLog()).isCloseTo(2, within(1e-12));
    }

    @Test
    void aSegmentWithoutGapsHasNoPrior() {
        GapPrior prior = GapPrior.fit(new double[][] {{}, {}});
        assertThat(prior.users()).isZero();
        assertThat(prior.segmentThresholdDays(0.95)).isNaN();
    }
}
