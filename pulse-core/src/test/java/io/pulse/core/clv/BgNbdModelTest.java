package io.pulse.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** BG/NBD on CDNOW against the figures in shared/data/cdnow/EXPECTED.md section 2. */
class BgNbdModelTest {

    /** BTYD walkthrough p. 19, bgnbd.EstimateParameters(cal.cbs). */
    private static final BgNbdParams BTYD = BgNbdParams.of(0.2425982, 4.4136842, 0.7929899, 2.4261667);
    /** FHL05a section 7, 3 decimals, as used by the BTYD bgnbd.pmf example. */
    private static final BgNbdParams PAPER = BgNbdParams.of(0.243, 4.414, 0.793, 2.426);

    @Test
    void fitOnCdnowReproducesThePublishedParametersAndLogLikelihood() {
        BgNbdParams fit = BgNbdModel.fit(Cdnow.calibration().summaries());
        // CLVTools compares coefficients and LL at 0.1% relative; the BTYD LL is -9582.429.
        assertThat(fit.r()).isCloseTo(0.2426, withinPercentage(0.1));
        assertThat(fit.alpha()).isCloseTo(4.4137, withinPercentage(0.1));
        assertThat(fit.a()).isCloseTo(0.7930, withinPercentage(0.1));
        assertThat(fit.b()).isCloseTo(2.4262, withinPercentage(0.1));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.429, within(1e-3));
    }

    @Test
    void logLikelihoodAtTheBtydEstimateIsMinus9582Point429() {
        assertThat(BgNbdModel.logLikelihood(BTYD, Cdnow.calibration().summaries())).isCloseTo(-9582.429, within(1e-3));
    }

    @Test
    void compressedTuplesGiveTheSameLogLikelihoodAsSummingEveryCustomer() {
        Cdnow data = Cdnow.calibration();
        CustomerSummaries summaries = data.summaries();
        double perCustomer = 0;
        for (int i = 0; i < data.x.length; i++) {
            perCustomer += BTYD.individualLogLikelihood(data.x[i], data.tx[i], data.T[i]);
        }
        assertThat(summaries.customers()).isEqualTo(2357);
        assertThat(summaries.uniqueTuples()).isLessThan(2357);
        assertThat(BgNbdModel.logLikelihood(BTYD, summaries)).isCloseTo(perCustomer, within(1e-8));
    }

    @Test
    void newCustomerExpectsAbout1Point444RepeatPurchasesInAYear() {
        assertThat(BTYD.expectedPurchases(52)).isCloseTo(1.444004, within(2e-6));
    }

    @Test
    void newCustomerExpectationsMatchHardiesSpreadsheet() {
        double[] t = {0.1429, 1, 3, 31.8571, 32, 78};
        double[] expected = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
        for (int i = 0; i < t.length; i++) {
            assertThat(BTYD.expectedPurchases(t[i])).as("E[X(%s)]", t[i]).isCloseTo(expected[i], within(1e-3));
        }
    }

    @Test
    void customer1516ExpectsAbout25Point76PurchasesNextYearAndIsAlmostSurelyAlive() {
        assertThat(BTYD.conditionalExpectedPurchases(52, 26, 30.85714, 31)).isCloseTo(25.75659, within(1e-4));
        assertThat(BTYD.probabilityAlive(26, 30.85714, 31)).isCloseTo(0.9688523, within(1e-6));
    }

    @Test
    void customer1ExpectsAbout1Point226PurchasesOverTheHoldout() {
        assertThat(BTYD.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(1e-3));
    }

    @Test
    void moreFrequentBuyersSilentSinceWeek20AreExpectedToBuyLess() {
        double[] x = {10, 15, 20, 25};
        double[] expected = {0.3474606, 0.04283391, 0.004158973, 0.0003583685};
        for (int i = 0; i < x.length; i++) {
            assertThat(BTYD.conditionalExpectedPurchases(52, x[i], 20, 39)).as("x = %s", x[i])
                    .isCloseTo(expected[i], withinPercentage(0.01));
        }
    }

    @Test
    void customerWithNoRepeatPurchaseIsCertainlyAlive() {
        assertThat(BTYD.probabilityAlive(0, 0, 1)).isEqualTo(1.0);
        assertThat(BTYD.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
    }

    @Test
    void purchaseCountDistributionMatchesTheBtydExamples() {
        assertThat(PAPER.probabilityOfPurchases(2, 10)).isCloseTo(1.0786896e-07, withinPercentage(1e-4));
        assertThat(PAPER.probabilityOfPurchases(39, 0)).isCloseTo(0.57378635, within(1e-8));
        double[] expected = {0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638,
            0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.0002222260};
        for (int n = 11; n <= 20; n++) {
            assertThat(PAPER.probabilityOfPurchases(30, n)).as("P(X(30) = %d)", n)
                    .isCloseTo(expected[n - 11], within(1e-10));
        }
    }

    @Test
    void purchaseCountProbabilitiesSumToOne() {
        double total = 0;
        for (int n = 0; n < 400; n++) {
            total += PAPER.probabilityOfPurchases(30, n);
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
    }
}
