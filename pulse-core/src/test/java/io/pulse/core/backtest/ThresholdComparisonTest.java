package io.pulse.core.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThresholdComparisonTest {

    /**
     * Horizon 10. Six users: frequent ones (unusualness high at short silences) who churned, and
     * rare ones silent for long who did not.
     * <pre>
     *   user  silent  unusualness  churned
     *   0     2       3.0          yes     (a daily visitor, 2 days is odd)
     *   1     3       2.5          yes
     *   2     8       0.5          no      (a monthly visitor, 8 days is normal)
     *   3     9       0.2          no
     *   4     6       1.0          yes
     *   5     1       -1.0         no
     * </pre>
     * Fixed F: flags silent > F. F=1: users 0,1,2,3,4 → 3 caught of 5, recall 1, P 0.6, F1 0.75.
     * F=2: 1,2,3,4 → 2 caught, P 0.5, R 2/3, F1 0.571. F=5: 2,3,4 → 1/3, R 1/3. F ≥ 9: nobody.
     * Best fixed: F=1 with F1 0.75 (5 actions). Personal at 5 actions: users 0,1,4,2,3 → same set.
     * At the 3-action count of F=5 the personal policy flags 0,1,4: all churned, F1 1.0 vs fixed 1/3.
     */
    private static AtRiskSnapshot snapshot() {
        double[] unusualness = {3.0, 2.5, 0.5, 0.2, 1.0, -1.0};
        double[] risk = {0.9, 0.8, 0.3, 0.2, 0.5, 0.1};
        return new AtRiskSnapshot(LocalDate.of(2025, 6, 1), new int[] {2, 3, 8, 9, 6, 1}, unusualness, risk,
                new boolean[] {true, true, false, false, true, false});
    }

    @Test
    void bestFixedThresholdAndPersonalAtEqualCountByHand() {
        ThresholdComparison.Result r = ThresholdComparison.compare(List.of(snapshot()), 10, 0.95);
        assertThat(r.fixed().thresholdDays()).isEqualTo(1);
        assertThat(r.fixed().score().actions()).isEqualTo(5);
        assertThat(r.fixed().score().caught()).isEqualTo(3);
        assertThat(r.fixed().score().f1()).isCloseTo(0.75, within(1e-12));
        // Leads of the caught: 10 − 2, 10 − 3, 10 − 6 = 8, 7, 4 → median 7.
        assertThat(r.fixed().score().medianLeadDays()).isEqualTo(7);
        assertThat(r.personal().score().actions()).isEqualTo(5);
        assertThat(r.personal().score().caught()).isEqualTo(3);
        // The fifth user by risk is user 3, at 0.2.
        assertThat(r.personal().riskCut()).isEqualTo(0.2);
        assertThat(r.usersAtRisk()).isEqualTo(6);
        assertThat(r.churners()).isEqualTo(3);
    }

    @Test
    void curveComparesAtTheFixedThresholdsCounts() {
        ThresholdComparison.Result r = ThresholdComparison.compare(List.of(snapshot()), 10, 0.95);
        ThresholdComparison.CurvePoint at7 = r.curve().stream().filter(p -> p.thresholdDays() == 7).findFirst()
                .orElseThrow();
        // F=7 flags users 2 and 3 (silent 8, 9): none churned. Personal top-2: users 0, 1, both churned.
        assertThat(at7.actions()).isEqualTo(2);
        assertThat(at7.fixedF1()).isZero();
        assertThat(at7.personalF1()).isCloseTo(2 * (1.0 * 2 / 3) / (1 + 2.0 / 3), within(1e-12));
        ThresholdComparison.CurvePoint at3 = r.curve().stream().filter(p -> p.thresholdDays() == 3).findFirst()
                .orElseThrow();
        // F=3 flags 2, 3, 4 (1 churned); personal top-3: 0, 1, 4 (all churned): P 1, R 1.
        assertThat(at3.fixedF1()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(at3.personalF1()).isEqualTo(1.0);
        assertThat(r.curve()).extracting(ThresholdComparison.CurvePoint::thresholdDays).containsExactly(3, 7);
    }

    @Test
    void configuredQuantileFlagsUnusualnessAboveItsNormalQuantile() {
        // z at 0.95 is 1.645: users 0 and 1 only.
        ThresholdComparison.Result r = ThresholdComparison.compare(List.of(snapshot()), 10, 0.95);
        assertThat(r.beyondThreshold().quantile()).isEqualTo(0.95);
        assertThat(r.beyondThreshold().score().actions()).isEqualTo(2);
        assertThat(r.beyondThreshold().score().caught()).isEqualTo(2);
    }

    @Test
    void snapshotsPool() {
        ThresholdComparison.Result one = ThresholdComparison.compare(List.of(snapshot()), 10, 0.95);
        ThresholdComparison.Result two = ThresholdComparison.compare(List.of(snapshot(), snapshot()), 10, 0.95);
        assertThat(two.fixed().score().actions()).isEqualTo(2 * one.fixed().score().actions());
        assertThat(two.fixed().score().f1()).isEqualTo(one.fixed().score().f1());
        assertThat(two.cutoffs()).isEqualTo(2);
    }
}
