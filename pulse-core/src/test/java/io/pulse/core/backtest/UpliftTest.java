package io.pulse.core.backtest;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UpliftTest {

    @Test
    void newcombeIntervalMatchesThePaper() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10.
        double[] a = Uplift.newcombe(56, 70, 48, 80, 0.95);
        assertThat(a[0]).isCloseTo(0.0524, within(5e-5));
        assertThat(a[1]).isCloseTo(0.3339, within(5e-5));
        double[] b = Uplift.newcombe(9, 10, 3, 10, 0.95);
        assertThat(b[0]).isCloseTo(0.1705, within(5e-5));
        assertThat(b[1]).isCloseTo(0.8090, within(5e-5));
    }

    @Test
    void wilsonIntervalMatchesTheClosedFormByHand() {
        // x = 8 of n = 10, z = 1.96: centre (0.8 + 0.19208) / 1.38416, half 1.96 / 1.38416 * sqrt(0.016 + 0.009604).
        double[] w = Uplift.wilson(8, 10, 1.96);
        double centre = (0.8 + 1.96 * 1.96 / 20) / (1 + 1.96 * 1.96 / 10);
        double half = 1.96 / (1 + 1.96 * 1.96 / 10) * Math.sqrt(0.8 * 0.2 / 10 + 1.96 * 1.96 / 400);
        assertThat(w[0]).isCloseTo(centre - half, within(1e-12));
        assertThat(w[1]).isCloseTo(centre + half, within(1e-12));
        assertThat(w[0]).isCloseTo(0.4902, within(1e-4));
    }

    @Test
    void retentionFiguresAreCountedShares() {
        boolean[] treated = {true, true, true, false};
        boolean[] control = {true, false};
        Uplift u = Uplift.estimate("r", "coupon", treated, new double[4], control, new double[2], 0.95, 1);
        assertThat(u.treated()).isEqualTo(4);
        assertThat(u.control()).isEqualTo(2);
        assertThat(u.treatedRetention()).isEqualTo(0.75);
        assertThat(u.controlRetention()).isEqualTo(0.5);
        assertThat(u.retentionDiff()).isEqualTo(0.25);
        assertThat(u.wonBackShare()).isEqualTo(0.5);
        assertThat(u.ciLow()).isLessThan(0.25);
        assertThat(u.ciHigh()).isGreaterThan(0.25);
        assertThat(u.significant()).isFalse();
    }

    @Test
    void revenueIntervalAgreesWithTheNormalApproximationOnLargeGroups() {
        SplittableRandom random = new SplittableRandom(3);
        double[] a = new double[4000];
        double[] b = new double[3000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() < 0.3 ? 50 + 20 * random.nextExponential() : 0;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() < 0.25 ? 50 + 20 * random.nextExponential() : 0;
        }
        double[] ci = Uplift.bootstrapMeanDifference(a, b, 0.95, 7);
        double diff = mean(a) - mean(b);
        double se = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
        assertThat((ci[0] + ci[1]) / 2).isCloseTo(diff, within(0.15 * se));
        assertThat(ci[1] - ci[0]).isCloseTo(2 * 1.959964 * se, within(0.1 * 2 * 1.959964 * se));
        assertThat(Uplift.bootstrapMeanDifference(a, b, 0.95, 7)).containsExactly(ci);
    }

    @Test
    void emptyGroupsGiveUndefinedIntervalsNotErrors() {
        Uplift u = Uplift.estimate("r", "coupon", new boolean[0], new double[0], new boolean[] {true},
                new double[] {1}, 0.95, 1);
        assertThat(u.ciLow()).isNaN();
        assertThat(u.revenueCiLow()).isNaN();
        assertThat(u.significant()).isFalse();
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double variance(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }
}
