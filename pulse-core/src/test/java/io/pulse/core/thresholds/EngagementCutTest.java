package io.pulse.core.thresholds;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EngagementCutTest {

    // c = 1, v = 50, u = 0.1: acting on a user is worth 5 (1 − p) − 1, positive below p = 0.8.
    private static final ActionEconomics ECONOMICS = new ActionEconomics(1, 50, 0.1);
    private static final double[] P = {0.85, 0.1, 0.9, 0.79, 0.5};

    @Test
    void theExpectedValueCutActsOnEveryoneBelowBreakEven() {
        // Gains in p order 0.1, 0.5, 0.79, 0.85, 0.9: 3.5, 1.5, 0.05, −0.25, −0.5; best after three: 5.05.
        EngagementCut cut = EngagementCut.choose(P, ECONOMICS);
        assertThat(ECONOMICS.breakEvenProbability()).isCloseTo(0.8, within(1e-12));
        assertThat(cut.acted()).isEqualTo(3);
        assertThat(cut.expectedValue()).isCloseTo(5.05, within(1e-12));
        assertThat(cut.cut()).isCloseTo(0.82, within(1e-12));
        assertThat(cut.actsOn(0.79)).isTrue();
        assertThat(cut.actsOn(0.85)).isFalse();
    }

    @Test
    void observedOutcomesMoveTheCut() {
        // Lost (not active) = 1 for p = 0.1, 0.79, 0.85; gains 4, −1, 4, 4, −1; prefixes 4, 3, 7, 11, 10.
        double[] lost = {1, 1, 0, 1, 0};
        EngagementCut cut = EngagementCut.choose(P, lost, ECONOMICS);
        assertThat(cut.acted()).isEqualTo(4);
        assertThat(cut.expectedValue()).isCloseTo(11, within(1e-12));
        assertThat(cut.cut()).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void tiedProbabilitiesAreActedOnTogether() {
        // Gains 4, −1 at p = 0.2 (together 3), −1 at 0.9: the best is both users at 0.2.
        EngagementCut cut = EngagementCut.choose(new double[] {0.2, 0.2, 0.9}, new double[] {1, 0, 0}, ECONOMICS);
        assertThat(cut.acted()).isEqualTo(2);
        assertThat(cut.expectedValue()).isCloseTo(3, within(1e-12));
        assertThat(cut.cut()).isCloseTo(0.55, within(1e-12));
    }

    @Test
    void whenNoActionPaysTheCutIsZero() {
        EngagementCut cut = EngagementCut.choose(P, new ActionEconomics(10, 50, 0.1));
        assertThat(cut.acted()).isZero();
        assertThat(cut.cut()).isZero();
        assertThat(cut.expectedValue()).isZero();
    }

    @Test
    void theSearchAgreesWithTheBreakEvenRuleOnRandomScores() {
        SplittableRandom random = new SplittableRandom(7);
        double[] p = new double[5000];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextDouble();
        }
        ActionEconomics e = new ActionEconomics(2, 80, 0.15);
        double breakEven = e.breakEvenProbability();
        int below = 0;
        double value = 0;
        for (double v : p) {
            if (v < breakEven) {
                below++;
                value += 0.15 * (1 - v) * 80 - 2;
            }
        }
        EngagementCut cut = EngagementCut.choose(p, e);
        assertThat(cut.acted()).isEqualTo(below);
        assertThat(cut.expectedValue()).isCloseTo(value, within(1e-9));
    }
}
