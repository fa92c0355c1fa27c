package io.pulse.core.thresholds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThresholdReasonTest {

    @Test
    void aRegularUserBeyondTheirThresholdReadsAsInTheIssue() {
        DormancyThreshold t = new DormancyThreshold(40, Math.log(9), 0.9, Math.log(9), 0.4, 17.2);
        assertThat(ThresholdReason.of("s1", 41, 9, t, 0.95, 21, 0.12, 0.31)).isEqualTo(
                "usually returns every 9 days; 21 days of silence is beyond their 95th percentile (17 days);"
                        + " probability of activity 0.12 is below the segment's cut 0.31: worth acting on");
    }

    @Test
    void aUserWithFewGapsIsToldTheThresholdLeansOnTheSegment() {
        DormancyThreshold t = new DormancyThreshold(2, Math.log(4), 0.2, 2, 0.8, 23.4);
        assertThat(ThresholdReason.of("s2", 3, 4.5, t, 0.9, 5, Double.NaN, Double.NaN)).isEqualTo(
                "usually returns every 4.5 days; 5 days of silence is within their 90th percentile (23 days);"
                        + " with 3 active days it leans on segment s2 (their own gaps weigh 20%);"
                        + " no prediction, so no engagement threshold (run 'pulse predict')");
    }

    @Test
    void aUserWithOneActiveDayGetsTheSegmentsThreshold() {
        DormancyThreshold t = new DormancyThreshold(0, Double.NaN, 0, 2, 0.8, 23);
        assertThat(ThresholdReason.of("all", 1, Double.NaN, t, 0.95, 40, 0.9, 0.5)).isEqualTo(
                "only one active day, so the threshold is segment all's: 40 days of silence is beyond its 95th"
                        + " percentile gap (23 days); probability of activity 0.90 is at or above the segment's cut 0.50");
    }

    @Test
    void percentilesHaveTheirOrdinalSuffix() {
        assertThat(ThresholdReason.percentile(0.95)).isEqualTo("95th");
        assertThat(ThresholdReason.percentile(0.975)).isEqualTo("97.5th");
        assertThat(ThresholdReason.percentile(0.51)).isEqualTo("51st");
        assertThat(ThresholdReason.percentile(0.92)).isEqualTo("92nd");
        assertThat(ThresholdReason.percentile(0.13)).isEqualTo("13th");
    }

    @Test
    void normalQuantilesMatchTabulatedValues() {
        // Python: statistics.NormalDist().inv_cdf(q)
        assertThat(NormalQuantile.of(0.95)).isCloseTo(1.6448536269514722, within(1e-8));
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.3263478740408408, within(1e-8));
        assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-12));
    }

    @Test
    void gapsAreTheDaysBetweenConsecutiveActiveDays() {
        assertThat(Gaps.between(new int[] {1, 3, 10, 11})).containsExactly(2, 7, 1);
        assertThat(Gaps.between(new int[] {5})).isEmpty();
        assertThat(Gaps.median(new int[] {7, 1, 2})).isEqualTo(2);
        assertThat(Gaps.median(new int[] {7, 1, 2, 4})).isEqualTo(3);
        assertThat(Gaps.median(new int[0])).isNaN();
    }
}
