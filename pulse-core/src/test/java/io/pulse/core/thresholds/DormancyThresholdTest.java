package io.pulse.core.thresholds;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DormancyThresholdTest {

    // A segment whose users typically return every 10 days, with within-user noise σ = 0.8 much larger
    // than the between-user spread τ0 = 0.2, so σ²/τ0² = 16 and w = n / (n + 16).
    private static final GapPrior SEGMENT = new GapPrior(Math.log(10), 0.04, 0.64, 1000);
    private static final double Z95 = 1.6448536269514722;

    private static double[] thirtyDayGaps(int n) {
        double[] x = new double[n];
        Arrays.fill(x, Math.log(30));
        return x;
    }

    @Test
    void theSegmentThresholdIsThePriorPredictiveQuantile() {
        // exp(ln 10 + z · √(0.64 + 0.04)) = 38.8212 (Python: exp(log(10) + NormalDist().inv_cdf(.95) * sqrt(.68)))
        assertThat(SEGMENT.segmentThresholdDays(0.95)).isCloseTo(38.82118650381635, within(1e-6));
        assertThat(SEGMENT.segmentThresholdDays(0.95))
                .isCloseTo(Math.exp(Math.log(10) + Z95 * Math.sqrt(0.68)), within(1e-6));
    }

    @Test
    void aUserWithTwoActiveDaysLandsNearTheSegmentThreshold() {
        // One 30-day gap: w = 1/17, m = ln 10 + ln 3 / 17 = 2.367209, v = 16/17 · 0.04, threshold 41.3157.
        DormancyThreshold t = DormancyThreshold.of(thirtyDayGaps(1), SEGMENT, 0.95);
        assertThat(t.weight()).isCloseTo(1.0 / 17, within(1e-12));
        assertThat(t.meanLog()).isCloseTo(2.3672093452686402, within(1e-12));
        assertThat(t.days()).isCloseTo(41.31566311525505, within(1e-6));
        assertThat(t.days() / SEGMENT.segmentThresholdDays(0.95)).isBetween(1.0, 1.1);
    }

    @Test
    void aUserWithTwoHundredActiveDaysLandsNearTheirOwnQuantile() {
        // 199 gaps of 30 days: w = 7.96 / 8.6, threshold 103.377; their own exp(ln 30 + z · 0.8) = 111.841.
        DormancyThreshold t = DormancyThreshold.of(thirtyDayGaps(199), SEGMENT, 0.95);
        double own = Math.exp(Math.log(30) + Z95 * 0.8);
        assertThat(own).isCloseTo(111.8412307766514, within(1e-6));
        assertThat(t.weight()).isCloseTo(7.96 / 8.6, within(1e-12));
        assertThat(t.days()).isCloseTo(103.37671386689274, within(1e-6));
        assertThat(t.days() / own).isBetween(0.9, 1.0);
        assertThat(t.days() / SEGMENT.segmentThresholdDays(0.95)).isGreaterThan(2.5);
    }

    @Test
    void theWeightOnOwnGapsGrowsWithTheirNumber() {
        double previous = 0;
        for (int n : new int[] {1, 2, 5, 20, 100, 1000}) {
            double w = DormancyThreshold.of(thirtyDayGaps(n), SEGMENT, 0.95).weight();
            assertThat(w).isCloseTo(n / (n + 16.0), within(1e-12)).isGreaterThan(previous);
            previous = w;
        }
    }

    @Test
    void aUserWithoutGapsGetsTheSegmentThreshold() {
        DormancyThreshold t = DormancyThreshold.of(new double[0], SEGMENT, 0.95);
        assertThat(t.weight()).isZero();
        assertThat(t.ownMeanLog()).isNaN();
        assertThat(t.days()).isEqualTo(SEGMENT.segmentThresholdDays(0.95));
    }

    @Test
    void silenceLongerThanTheThresholdExceedsIt() {
        DormancyThreshold t = DormancyThreshold.of(new double[0], SEGMENT, 0.95);
        assertThat(t.exceededBy(39)).isTrue();
        assertThat(t.exceededBy(38)).isFalse();
    }
}
