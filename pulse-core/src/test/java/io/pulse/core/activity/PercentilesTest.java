package io.pulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void fourValuesInterpolateBetweenClosestRanks() {
        // h = 3p: p10 h=0.3 -> 1.3; p25 h=0.75 -> 1.75; p50 h=1.5 -> 2.5; p75 h=2.25 -> 3.25;
        // p90 h=2.7 -> 3.7; p99 h=2.97 -> 3.97. Mean 10 / 4.
        Percentiles p = Percentiles.of(new double[] {1, 2, 3, 4});
        assertThat(p.count()).isEqualTo(4);
        assertThat(p.mean()).isEqualTo(2.5);
        assertThat(p.p10()).isCloseTo(1.3, within(1e-12));
        assertThat(p.p25()).isEqualTo(1.75);
        assertThat(p.p50()).isEqualTo(2.5);
        assertThat(p.p75()).isEqualTo(3.25);
        assertThat(p.p90()).isCloseTo(3.7, within(1e-12));
        assertThat(p.p99()).isCloseTo(3.97, within(1e-12));
        assertThat(p.max()).isEqualTo(4);
    }

    @Test
    void elevenEvenlySpacedValuesHitRanksExactly() {
        // 0, 10, ..., 100: h = 10p, so p10 is the second value and p99 is 90 + 0.9 * 10.
        double[] values = new double[11];
        for (int i = 0; i <= 10; i++) {
            values[i] = 10 * i;
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p.p10()).isCloseTo(10, within(1e-9));
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p99()).isCloseTo(99, within(1e-9));
    }

    @Test
    void unsortedInputGivesTheSameFiguresAndIsNotModified() {
        double[] values = {4, 1, 3, 2};
        assertThat(Percentiles.of(values)).isEqualTo(Percentiles.of(new double[] {1, 2, 3, 4}));
        assertThat(values).containsExactly(4, 1, 3, 2);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(Percentiles.of(new double[] {7})).isEqualTo(new Percentiles(1, 7, 7, 7, 7, 7, 7, 7, 7));
    }

    @Test
    void noValuesGiveZeros() {
        assertThat(Percentiles.of(new double[0])).isEqualTo(new Percentiles(0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void notANumberIsRejected() {
        assertThatThrownBy(() -> Percentiles.of(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void browseDistributionSummarisesSessionsAndUsersSeparately() {
        BrowseDistribution d = BrowseDistribution.of(new double[] {1, 2, 3, 4}, new double[] {10});
        assertThat(d.perSessionSeconds().p25()).isEqualTo(1.75);
        assertThat(d.perUserSeconds().p50()).isEqualTo(10);
    }
}
