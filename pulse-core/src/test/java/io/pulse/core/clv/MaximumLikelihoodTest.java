package io.pulse.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MaximumLikelihoodTest {

    /** 3 ln a - 2a + 5 ln b - b, two exponential-rate likelihoods, is largest at a = 3/2, b = 5. */
    private static double twoRates(double[] theta, double[] gradient) {
        double a = theta[0], b = theta[1];
        if (gradient != null) {
            gradient[0] = 3 / a - 2;
            gradient[1] = 5 / b - 1;
        }
        return 3 * Math.log(a) - 2 * a + 5 * Math.log(b) - b;
    }

    @Test
    void bfgsFindsTheMaximumOfALikelihoodKnownInClosedForm() {
        double[] best = MaximumLikelihood.maximise(MaximumLikelihoodTest::twoRates, new double[][] {{100, 0.01}});
        // BFGS stops once a step promises under 1e-12 of |LL|, so parameters are good to about its square root (1e-6 relative).
        assertThat(best[0]).isCloseTo(1.5, within(1e-5));
        assertThat(best[1]).isCloseTo(5, within(1e-5));
        assertThat(best[2]).isCloseTo(3 * Math.log(1.5) - 3 + 5 * Math.log(5) - 5, within(1e-12));
    }

    @Test
    void theSimplexTakesOverWhenNoStartHasAFiniteGradient() {
        LogLikelihood noGradient = (theta, gradient) -> {
            if (gradient != null) {
                gradient[0] = Double.NaN;
            }
            return twoRates(theta, null);
        };
        double[] best = MaximumLikelihood.maximise(noGradient, new double[][] {{1, 1}});
        assertThat(best[0]).isCloseTo(1.5, within(1e-4));
        assertThat(best[1]).isCloseTo(5, within(1e-4));
    }

    @Test
    void startsRunOnTheScreeningLikelihoodAndTheFullOneHasTheLastWord() {
        // The screening likelihood is the full one at a tenth of the weight, with its maximum moved to a = 1.6:
        // the polish on the full likelihood must still end at a = 1.5.
        LogLikelihood screening = (theta, gradient) -> {
            double a = theta[0], b = theta[1];
            if (gradient != null) {
                gradient[0] = 0.1 * (3.2 / a - 2);
                gradient[1] = 0.1 * (5 / b - 1);
            }
            return 0.1 * (3.2 * Math.log(a) - 2 * a + 5 * Math.log(b) - b);
        };
        double[] best = MaximumLikelihood.maximise(MaximumLikelihoodTest::twoRates, screening, new double[][] {{1, 1}});
        assertThat(best[0]).isCloseTo(1.5, within(1e-5));
        assertThat(best[1]).isCloseTo(5, within(1e-5));
    }

    @Test
    void theBestOfSeveralStartsIsKept() {
        // Two separate maxima in log a: a bump at a = e^-2 of height 1 and one at a = e^2 of height 2.
        LogLikelihood twoPeaks = (theta, gradient) -> {
            double v = Math.log(theta[0]);
            double low = Math.exp(-(v + 2) * (v + 2)), high = 2 * Math.exp(-(v - 2) * (v - 2));
            if (gradient != null) {
                gradient[0] = (-2 * (v + 2) * low - 2 * (v - 2) * high) / theta[0];
            }
            return low + high;
        };
        double[] best = MaximumLikelihood.maximise(twoPeaks, new double[][] {{Math.exp(-2.5)}, {Math.exp(2.5)}});
        assertThat(Math.log(best[0])).isCloseTo(2, within(1e-3));
    }
}
