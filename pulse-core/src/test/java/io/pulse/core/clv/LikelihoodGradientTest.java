package io.pulse.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Each analytic gradient against a five-point central difference of the likelihood itself, at the
 * CDNOW optimum, at points far from it, and on small hand-made data sets. The stencil's error is
 * O(h^4) with h = 1e-3 theta_i, about 1e-12 relative, so the 1e-6 tolerance tests the formulas, not
 * the differencing.
 */
class LikelihoodGradientTest {

    private static final double TOLERANCE = 1e-6;

    /** One repeat buyer, one with t_x = T, one with x = 0, and a pair sharing a tuple. */
    private static final CustomerSummaries HAND = CustomerSummaries.of(
            new double[] {2, 5, 0, 1, 1}, new double[] {3.5, 10, 0, 0.25, 0.25}, new double[] {12, 10, 7, 4, 4},
            new double[] {20, 8.5, 0, 3, 3});

    @Test
    void bgNbdGradientMatchesFiniteDifferencesOnCdnow() {
        CustomerSummaries cdnow = Cdnow.calibration().summaries();
        double[][] points = {{0.2425982, 4.4136842, 0.7929899, 2.4261667}, {1, 1, 1, 1}, {0.05, 40, 3, 0.3},
            {5, 0.2, 0.02, 20}};
        for (double[] theta : points) {
            assertGradientMatches(new BgNbdLikelihood(cdnow), theta);
        }
    }

    @Test
    void bgNbdGradientMatchesFiniteDifferencesOnAHandMadeBase() {
        assertGradientMatches(new BgNbdLikelihood(HAND), new double[] {0.7, 2.5, 1.3, 0.6});
        assertGradientMatches(new BgNbdLikelihood(HAND), new double[] {3, 0.1, 0.2, 8});
    }

    @Test
    void gammaGammaGradientMatchesFiniteDifferencesOnCdnow() {
        CustomerSummaries cdnow = Cdnow.calibration().summaries();
        double[][] points = {{6.24957, 3.74422, 15.44352}, {1, 1, 1}, {0.3, 30, 500}, {50, 0.5, 0.2}};
        for (double[] theta : points) {
            assertGradientMatches(new GammaGammaLikelihood(cdnow), theta);
        }
    }

    @Test
    void gammaGammaGradientMatchesFiniteDifferencesOnAHandMadeBase() {
        assertGradientMatches(new GammaGammaLikelihood(HAND), new double[] {2, 3, 10});
    }

    @Test
    void paretoNbdGradientMatchesFiniteDifferencesOnCdnowOnBothSidesOfAlphaEqualsBeta() {
        CustomerSummaries cdnow = Cdnow.calibration().summaries();
        double[][] points = {{0.55339714, 10.58019854, 0.6060625, 11.65622367}, {1, 1, 1, 3}, {1, 3, 1, 1},
            {0.1, 30, 2, 0.5}, {3, 0.5, 0.05, 40}};
        for (double[] theta : points) {
            assertGradientMatches(new ParetoNbdLikelihood(cdnow), theta);
        }
    }

    @Test
    void paretoNbdGradientMatchesFiniteDifferencesOnAHandMadeBase() {
        assertGradientMatches(new ParetoNbdLikelihood(HAND), new double[] {0.7, 2.5, 1.3, 0.6});
        assertGradientMatches(new ParetoNbdLikelihood(HAND), new double[] {0.7, 0.6, 1.3, 2.5});
    }

    @Test
    void cachedLikelihoodsEqualTheSumOfIndividualTermsOnTheHandMadeBase() {
        BgNbdParams bg = BgNbdParams.of(0.7, 2.5, 1.3, 0.6);
        ParetoNbdParams pareto = ParetoNbdParams.of(0.7, 2.5, 1.3, 0.6);
        GammaGammaParams gg = GammaGammaParams.of(2, 3, 10);
        double[][] rows = {{2, 3.5, 12, 20}, {5, 10, 10, 8.5}, {0, 0, 7, 0}, {1, 0.25, 4, 3}, {1, 0.25, 4, 3}};
        double bgSum = 0, paretoSum = 0, ggSum = 0;
        for (double[] row : rows) {
            bgSum += bg.individualLogLikelihood(row[0], row[1], row[2]);
            paretoSum += pareto.individualLogLikelihood(row[0], row[1], row[2]);
            ggSum += row[0] > 0 ? gg.individualLogLikelihood(row[0], row[3]) : 0;
        }
        assertThat(BgNbdModel.logLikelihood(bg, HAND)).isCloseTo(bgSum, within(1e-12));
        assertThat(ParetoNbdModel.logLikelihood(pareto, HAND)).isCloseTo(paretoSum, within(1e-12));
        assertThat(GammaGammaModel.logLikelihood(gg, HAND)).isCloseTo(ggSum, within(1e-12));
    }

    private static void assertGradientMatches(LogLikelihood ll, double[] theta) {
        double[] analytic = new double[theta.length];
        double value = ll.evaluate(theta, analytic);
        assertThat(value).isFinite();
        for (int i = 0; i < theta.length; i++) {
            double h = 1e-3 * theta[i];
            double numeric = (-shifted(ll, theta, i, 2 * h) + 8 * shifted(ll, theta, i, h)
                    - 8 * shifted(ll, theta, i, -h) + shifted(ll, theta, i, -2 * h)) / (12 * h);
            assertThat(analytic[i]).as("dLL/dtheta_%d at %s", i, java.util.Arrays.toString(theta))
                    .isCloseTo(numeric, within(TOLERANCE * Math.max(1, Math.abs(numeric))));
        }
    }

    private static double shifted(LogLikelihood ll, double[] theta, int i, double h) {
        double[] moved = theta.clone();
        moved[i] += h;
        return ll.value(moved);
    }
}
