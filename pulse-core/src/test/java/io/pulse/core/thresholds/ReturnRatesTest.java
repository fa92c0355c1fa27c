package io.pulse.core.thresholds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReturnRatesTest {

    @Test
    void countsActiveDaysWhoseHorizonEndedByTheCutoff() {
        // Horizon 10. User A: active days at -40, -35, -5 (gaps 5, 30; silent 5).
        //   day -40 (1st active day): next gap 5 → returned; counted in bucket 1.
        //   day -35 (2nd): next gap 30 > 10 → did not return; bucket 2.
        //   day -5 (3rd): only 5 days to the cutoff → not counted.
        // User B: one active day at -20 (silent 20): 1st active day, no return → bucket 1.
        // User C: one active day at -3: not counted.
        int[][] gaps = {{5, 30}, {}, {}};
        int[] silent = {5, 20, 3};
        ReturnRates r = ReturnRates.fit(gaps, silent, 10);
        assertThat(r.counted()[0]).isEqualTo(2);
        assertThat(r.counted()[1]).isEqualTo(1);
        assertThat(r.counted()[2]).isZero();
        assertThat(r.noReturn()[0]).isEqualTo(0.5);
        // Bucket 2 has 1 < 30 counted days: it borrows bucket 1's rate, and so on upward.
        assertThat(r.noReturn(2)).isEqualTo(0.5);
        assertThat(r.noReturn(50)).isEqualTo(0.5);
    }

    @Test
    void aGapOfExactlyTheHorizonIsAReturnWithinIt() {
        int[][] gaps = new int[40][];
        int[] silent = new int[40];
        for (int u = 0; u < 40; u++) {
            gaps[u] = new int[] {u < 10 ? 11 : 10};
            silent[u] = 0;
        }
        ReturnRates r = ReturnRates.fit(gaps, silent, 10);
        assertThat(r.counted()[0]).isEqualTo(40);
        assertThat(r.noReturn(1)).isEqualTo(0.25);
    }

    @Test
    void bucketsByActiveDays() {
        assertThat(ReturnRates.bucket(1)).isZero();
        assertThat(ReturnRates.bucket(4)).isEqualTo(3);
        assertThat(ReturnRates.bucket(5)).isEqualTo(4);
        assertThat(ReturnRates.bucket(7)).isEqualTo(4);
        assertThat(ReturnRates.bucket(8)).isEqualTo(5);
        assertThat(ReturnRates.bucket(1000)).isEqualTo(7);
    }

    @Test
    void churnRiskByHand() {
        // A user with no gaps against a prior μ0 = ln 7, τ0² = 0, σ² = 0.25: gaps log-normal(ln 7, 0.5).
        GapPrior prior = new GapPrior(Math.log(7), 0, 0.25, 100);
        DormancyThreshold d = DormancyThreshold.of(new double[0], prior, 0.95);
        double s10 = 1 - NormalQuantile.cdf((Math.log(10) - Math.log(7)) / 0.5);
        double s70 = 1 - NormalQuantile.cdf((Math.log(70) - Math.log(7)) / 0.5);
        assertThat(d.survival(10)).isCloseTo(s10, within(1e-12));
        assertThat(d.churnRisk(10, 60, 0.3)).isCloseTo((0.3 + 0.7 * s70) / (0.3 + 0.7 * s10), within(1e-12));
        // Nobody stops and the rhythm says they are due: low risk; everybody stops: certain.
        assertThat(d.churnRisk(0, 60, 0)).isLessThan(1e-3);
        assertThat(d.churnRisk(10, 60, 1)).isEqualTo(1);
        assertThat(NormalQuantile.cdf(1.6448536269514722)).isCloseTo(0.95, within(1e-12));
    }
}
