package io.pulse.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** Pareto/NBD on CDNOW against the figures in shared/data/cdnow/EXPECTED.md section 3. */
class ParetoNbdModelTest {

    /** BTYD cdnowSummary$est.params. */
    private static final ParetoNbdParams BTYD = ParetoNbdParams.of(0.55339714, 10.58019854, 0.6060625, 11.65622367);

    @Test
    void fitOnCdnowReachesThePublishedLogLikelihoodWithParametersToTwoOrThreeFigures() {
        ParetoNbdParams fit = ParetoNbdModel.fit(Cdnow.calibration().summaries());
        // Flat ridge: BTYD restarts give beta 11.656-11.658 and CLVTools 11.672 at the same LL.
        assertThat(fit.logLikelihood()).isCloseTo(-9594.976, within(1e-3));
        assertThat(fit.r()).isCloseTo(0.553, within(0.005));
        assertThat(fit.alpha()).isCloseTo(10.58, within(0.1));
        assertThat(fit.s()).isCloseTo(0.606, within(0.005));
        assertThat(fit.beta()).isCloseTo(11.66, within(0.1));
    }

    @Test
    void logLikelihoodAtTheBtydEstimateIsMinus9594Point976() {
        assertThat(ParetoNbdModel.logLikelihood(BTYD, Cdnow.calibration().summaries()))
                .isCloseTo(-9594.976, within(1e-3));
    }

    @Test
    void compressedTuplesGiveTheSameLogLikelihoodAsSummingEveryCustomer() {
        Cdnow data = Cdnow.calibration();
        double perCustomer = 0;
        for (int i = 0; i < data.x.length; i++) {
            perCustomer += BTYD.individualLogLikelihood(data.x[i], data.tx[i], data.T[i]);
        }
        assertThat(ParetoNbdModel.logLikelihood(BTYD, data.summaries())).isCloseTo(perCustomer, within(1e-8));
    }

    @Test
    void customer1516IsAlmostSurelyAlive() {
        ParetoNbdParams lifetimes = ParetoNbdParams.of(0.5534, 10.5802, 0.6061, 11.6562);
        assertThat(lifetimes.probabilityAlive(26, 30.85714, 31)).isCloseTo(0.9979, within(1e-3));
        assertThat(BTYD.probabilityAlive(26, 30.85714, 31)).isCloseTo(0.997873, within(2e-6));
    }

    @Test
    void customer1516ExpectsAbout25Point46PurchasesNextYear() {
        assertThat(BTYD.conditionalExpectedPurchases(52, 26, 30.85714, 31)).isCloseTo(25.46, within(0.01));
    }

    @Test
    void newCustomerExpectsAbout1Point473RepeatPurchasesInAYear() {
        assertThat(BTYD.expectedPurchases(52)).isCloseTo(1.473434, within(1e-3));
    }

    @Test
    void newCustomerExpectationsMatchTheBtydExample() {
        ParetoNbdParams example = ParetoNbdParams.of(0.55, 10.56, 0.61, 11.64);
        double[] expected = {0, 0.05077821, 0.09916088, 0.14542507, 0.18979930, 0.23247466, 0.27361274,
            0.31335159, 0.35181024, 0.38909211};
        for (int t = 0; t < expected.length; t++) {
            assertThat(example.expectedPurchases(t)).as("E[X(%d)]", t).isCloseTo(expected[t], within(1e-8));
        }
    }

    @Test
    void moreFrequentBuyersSilentSinceWeek20AreExpectedToBuyLess() {
        double[] x = {10, 15, 20, 25};
        double[] expected = {0.7062289, 0.1442396, 0.02250658, 0.00309267};
        for (int i = 0; i < x.length; i++) {
            assertThat(BTYD.conditionalExpectedPurchases(52, x[i], 20, 39)).as("x = %s", x[i])
                    .isCloseTo(expected[i], withinPercentage(0.5));
        }
    }

    @Test
    void lifetimeFactorIsContinuousThroughSEqualToOne() {
        ParetoNbdParams atOne = ParetoNbdParams.of(0.55, 10.56, 1.0, 11.64);
        ParetoNbdParams nearOne = ParetoNbdParams.of(0.55, 10.56, 1.0 + 1e-9, 11.64);
        // s = 1 limit of r beta/(alpha (s-1)) [1 - (beta/(beta+t))^(s-1)] is r beta/alpha ln((beta+t)/beta).
        assertThat(atOne.expectedPurchases(52)).isCloseTo(0.55 * 11.64 / 10.56 * Math.log(63.64 / 11.64), within(1e-12));
        assertThat(nearOne.expectedPurchases(52)).isCloseTo(atOne.expectedPurchases(52), within(1e-7));
    }
}
