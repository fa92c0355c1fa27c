package io.pulse.core.anomaly;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DetectorsTest {

    private static final int SPIKE = 1000;
    private static final int SHIFT = 1500;
    private static final long FIVE_MINUTES = 300;

    /** Noise around 100 (sd 5), one spike of +60 at row 1000, a lasting shift of +15 from row 1500. */
    private static double[] plantedSeries() {
        Random r = new Random(8);
        double[] v = new double[2000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + 5 * r.nextGaussian() + (i == SPIKE ? 60 : 0) + (i >= SHIFT ? 15 : 0);
        }
        return v;
    }

    private static double[] run(Detector d, double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = d.score(1_400_000_000L + i * FIVE_MINUTES, values[i]);
        }
        return out;
    }

    @Test
    void robustZScoreFlagsTheSpikeAndNothingElseBeforeTheShift() {
        double[] s = run(new RobustZScore(), plantedSeries());
        // |z| ≈ 12 against a sd of 5, so the score 12 / (12 + 4) ≈ 0.75.
        assertThat(s[SPIKE]).isGreaterThan(0.7);
        assertThat(Arrays.stream(s, 100, SHIFT).filter(x -> x >= 0.5).count()).isEqualTo(1);
    }

    @Test
    void ewmaCusumFlagsTheLevelShiftWithinARowsOfItButNotTheSpike() {
        double[] s = run(new EwmaCusum(), plantedSeries());
        assertThat(Arrays.stream(s, 100, SHIFT).max().orElseThrow()).isLessThan(0.5);
        int firstAlarm = SHIFT;
        while (s[firstAlarm] < 0.5) {
            firstAlarm++;
        }
        // A 3-sd shift adds about 2.5 per row to a sum that alarms at 8: the fourth row.
        assertThat(firstAlarm - SHIFT).isBetween(2, 6);
    }

    @Test
    void slidingMedianAndMadAgreeWithSortingTheWindow() {
        Random r = new Random(1);
        SlidingMedian m = new SlidingMedian(37);
        double[] all = new double[500];
        for (int i = 0; i < all.length; i++) {
            all[i] = Math.floor(r.nextGaussian() * 4);
            m.add(all[i]);
            double[] w = Arrays.copyOfRange(all, Math.max(0, i - 36), i + 1);
            double median = median(w);
            assertThat(m.median()).isEqualTo(median);
            assertThat(m.mad()).isEqualTo(median(Arrays.stream(w).map(x -> Math.abs(x - median)).toArray()));
        }
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    @Test
    void logLikelihoodIsOneHalfAtOneInAHundredThousand() {
        assertThat(AnomalyLikelihood.logScale(1 - 1e-5)).isCloseTo(0.5, within(1e-6));
        assertThat(AnomalyLikelihood.logScale(0.5)).isCloseTo(Math.log(0.5) / Math.log(1e-10), within(1e-9));
    }

    @Test
    void likelihoodRisesWhenRawScoresJumpAboveTheirUsualLevel() {
        AnomalyLikelihood l = new AnomalyLikelihood(10, 100, 1000);
        Random r = new Random(3);
        double before = 0;
        for (int i = 0; i < 1000; i++) {
            before = l.update(0.1 + 0.02 * r.nextGaussian());
        }
        double after = 0;
        for (int i = 0; i < 10; i++) {
            after = l.update(0.9);
        }
        assertThat(before).isLessThan(0.2);
        assertThat(after).isEqualTo(1.0, within(1e-6));
    }

    @Test
    void windowedGaussianScoresATwoSigmaValueAtNinetyFivePercent() {
        WindowedGaussian g = new WindowedGaussian(4);
        for (double x : new double[] {-1, 1, -1, 1}) {
            g.score(0, x);
        }
        assertThat(g.score(0, 2)).isCloseTo(0.9545, within(1e-4));
    }

    @Test
    void pulseDetectorRaisesOneAlarmForTheSpikeThenStaysQuiet() {
        double[] s = run(new PulseDetector(), plantedSeries());
        double level = PulseDetector.Settings.defaults().alarmLevel();
        assertThat(Arrays.stream(s, 0, 2000).allMatch(x -> x >= 0 && x <= 1)).isTrue();
        long alarmsAroundSpike = Arrays.stream(s, SPIKE, SPIKE + 300).filter(x -> x >= level).count();
        assertThat(alarmsAroundSpike).isEqualTo(1);
    }
}
