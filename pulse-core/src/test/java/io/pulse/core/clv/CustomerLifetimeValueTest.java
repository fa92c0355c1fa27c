package io.pulse.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CustomerLifetimeValueTest {

    private static final BgNbdParams PURCHASES = BgNbdParams.of(0.2425982, 4.4136842, 0.7929899, 2.4261667);
    /** BTYD cdnowSummary$est.params. */
    private static final ParetoNbdParams PARETO = ParetoNbdParams.of(0.55339714, 10.58019854, 0.6060625, 11.65622367);
    private static final GammaGammaParams SPEND = GammaGammaParams.of(6.25, 3.74, 15.44);
    private static final double WEEKS_PER_MONTH = 52.0 / 12;

    @Test
    void undiscountedValueIsExpectedSpendTimesExpectedPurchasesOverTheHorizon() {
        // Customer 1516: x 26, t_x 30.85714, T 31, m_x 39.97; twelve months is 52 weeks.
        double clv = CustomerLifetimeValue.discounted(PURCHASES, SPEND, 26, 30.85714, 31, 39.97, 12,
                WEEKS_PER_MONTH, 0);
        double expected = SPEND.conditionalExpectedAverageValue(26, 39.97)
                * PURCHASES.conditionalExpectedPurchases(52, 26, 30.85714, 31);
        assertThat(clv).isCloseTo(expected, within(1e-9));
        // 25.75659 purchases (BTYD walkthrough p. 22) at (15.44 + 26 * 39.97) 6.25 / (6.25 * 26 + 2.74).
        assertThat(clv).isCloseTo(25.75659 * (15.44 + 26 * 39.97) * 6.25 / (6.25 * 26 + 2.74), within(1e-2));
    }

    @Test
    void oneMonthIsDiscountedOnceAtItsEnd() {
        double clv = CustomerLifetimeValue.discounted(PURCHASES, SPEND, 2, 30.42857143, 38.85714286, 22.345, 1,
                WEEKS_PER_MONTH, 0.01);
        double expected = SPEND.conditionalExpectedAverageValue(2, 22.345)
                * PURCHASES.conditionalExpectedPurchases(WEEKS_PER_MONTH, 2, 30.42857143, 38.85714286) / 1.01;
        assertThat(clv).isCloseTo(expected, within(1e-12));
    }

    @Test
    void discountingLowersTheValueOfALongHorizon() {
        double undiscounted = CustomerLifetimeValue.discounted(PURCHASES, SPEND, 2, 30.43, 38.86, 22.345, 36,
                WEEKS_PER_MONTH, 0);
        double discounted = CustomerLifetimeValue.discounted(PURCHASES, SPEND, 2, 30.43, 38.86, 22.345, 36,
                WEEKS_PER_MONTH, 0.01);
        assertThat(discounted).isLessThan(undiscounted).isGreaterThan(undiscounted / Math.pow(1.01, 36));
    }

    @Test
    void undiscountedParetoNbdValueIsExpectedSpendTimesItsExpectedPurchases() {
        double clv = CustomerLifetimeValue.discounted(PARETO, SPEND, 26, 30.85714, 31, 39.97, 12, WEEKS_PER_MONTH, 0);
        double aov = SPEND.conditionalExpectedAverageValue(26, 39.97);
        assertThat(clv).isCloseTo(aov * PARETO.conditionalExpectedPurchases(52, 26, 30.85714, 31), within(1e-9));
        // 25.45647 purchases over 52 weeks (BTYD walkthrough p. 9; 25.454 at est.params, EXPECTED.md section 3).
        assertThat(clv).isCloseTo(aov * 25.454, within(aov * 0.01));
    }

    @Test
    void severalHorizonsAtOnceGiveWhatEachGivesAlone() {
        double[] t = {1, 4.33, 13, 52};
        for (PurchaseModel model : new PurchaseModel[] {PURCHASES, PARETO}) {
            double[] together = model.conditionalExpectedPurchases(t, 2, 30.43, 38.86);
            for (int k = 0; k < t.length; k++) {
                assertThat(together[k]).as("%s at t = %s", model, t[k])
                        .isEqualTo(model.conditionalExpectedPurchases(t[k], 2, 30.43, 38.86));
            }
        }
    }
}
