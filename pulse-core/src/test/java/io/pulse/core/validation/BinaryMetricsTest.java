package io.pulse.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    /** scikit-learn's documentation example for roc_auc_score and average_precision_score. */
    private static final double[] P = {0.1, 0.4, 0.35, 0.8};
    private static final boolean[] Y = {false, false, true, true};

    @Test
    void rocAucCountsPairsWhereThePositiveScoresHigher() {
        // positives 0.35, 0.8; negatives 0.1, 0.4. Pairs won: 0.35>0.1, 0.8>0.1, 0.8>0.4 = 3 of 4.
        assertThat(BinaryMetrics.of(P, Y).rocAuc()).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void averagePrecisionWeighsEachThresholdsPrecisionByTheRecallItAdds() {
        // from the top: 0.8 (+) P=1 R=1/2; 0.4 (-) adds no recall; 0.35 (+) P=2/3 R=1.
        // AP = 1/2 × 1 + 1/2 × 2/3 = 5/6 (scikit-learn: 0.8333).
        assertThat(BinaryMetrics.of(P, Y).prAuc()).isCloseTo(5.0 / 6, within(1e-15));
    }

    @Test
    void accuracyLogLossAndBrierAverageOverRows() {
        BinaryMetrics m = BinaryMetrics.of(P, Y);
        // p >= 0.5 predicts active: 0.1 no (right), 0.4 no (right), 0.35 no (wrong), 0.8 yes (right).
        assertThat(m.accuracy()).isEqualTo(0.75);
        // -(ln 0.9 + ln 0.6 + ln 0.35 + ln 0.8) / 4 = (0.1053605 + 0.5108256 + 1.0498221 + 0.2231436) / 4
        assertThat(m.logLoss()).isCloseTo(1.8891518 / 4, within(1e-7));
        // (0.1² + 0.4² + 0.65² + 0.2²) / 4 = (0.01 + 0.16 + 0.4225 + 0.04) / 4 = 0.158125
        assertThat(m.brier()).isCloseTo(0.158125, within(1e-15));
        assertThat(m.n()).isEqualTo(4);
        assertThat(m.positiveRate()).isEqualTo(0.5);
    }

    @Test
    void tiedScoresCountHalfAPairAndFormOneThreshold() {
        double[] p = {0.9, 0.5, 0.5, 0.5, 0.2};
        boolean[] y = {true, true, false, false, true};
        BinaryMetrics m = BinaryMetrics.of(p, y);
        // pairs (3 positives × 2 negatives = 6): 0.9 beats both = 2; 0.5 ties both = 2 × 1/2; 0.2 loses = 0.
        assertThat(m.rocAuc()).isCloseTo(3.0 / 6, within(1e-15));
        // thresholds: 0.9 P=1 R=1/3; 0.5 (one +, two -) P=2/4 R=2/3; 0.2 P=3/5 R=1.
        // AP = 1/3 × 1 + 1/3 × 1/2 + 1/3 × 3/5 = 10/30 + 5/30 + 6/30 = 0.7 (scikit-learn: 0.7).
        assertThat(m.prAuc()).isCloseTo(0.7, within(1e-15));
    }

    @Test
    void figuresNeedingBothClassesAreNaNWithOneClass() {
        BinaryMetrics allActive = BinaryMetrics.of(new double[] {0.2, 0.7}, new boolean[] {true, true});
        assertThat(allActive.rocAuc()).isNaN();
        // every threshold has precision 1, so AP = 1.
        assertThat(allActive.prAuc()).isEqualTo(1.0);
        BinaryMetrics noneActive = BinaryMetrics.of(new double[] {0.2, 0.7}, new boolean[] {false, false});
        assertThat(noneActive.rocAuc()).isNaN();
        assertThat(noneActive.prAuc()).isNaN();
        assertThat(noneActive.accuracy()).isEqualTo(0.5);
    }

    @Test
    void logLossClipsACertainMistakeToThirtyFourNats() {
        BinaryMetrics m = BinaryMetrics.of(new double[] {0.0, 1.0}, new boolean[] {true, true});
        // -(ln 1e-15 + ln(1 - 1e-15)) / 2 = (34.538776 + 1e-15) / 2
        assertThat(m.logLoss()).isCloseTo(34.538776394910684 / 2, within(1e-9));
    }

    @Test
    void calibrationBinsHoldTheirRowsAndLeaveEmptyBinsOut() {
        double[] p = {0.05, 0.15, 0.12, 0.95, 1.0};
        boolean[] y = {false, true, false, true, true};
        var bins = BinaryMetrics.of(p, y).calibration();
        assertThat(bins).hasSize(3);
        assertThat(bins.get(0)).isEqualTo(new CalibrationBin(0.0, 0.1, 1, 0.05, 0.0));
        // 0.15 and 0.12: mean 0.135, one of two active.
        assertThat(bins.get(1).lower()).isEqualTo(0.1);
        assertThat(bins.get(1).count()).isEqualTo(2);
        assertThat(bins.get(1).meanPredicted()).isCloseTo(0.135, within(1e-15));
        assertThat(bins.get(1).observedRate()).isEqualTo(0.5);
        // 1.0 belongs to the last bin with 0.95.
        assertThat(bins.get(2).upper()).isEqualTo(1.0);
        assertThat(bins.get(2).count()).isEqualTo(2);
        assertThat(bins.get(2).meanPredicted()).isCloseTo(0.975, within(1e-15));
    }

    @Test
    void rankFiguresMatchABruteForceCountOnRandomScoresWithManyTies() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 400;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = random.nextInt(21) / 20.0; // 21 distinct scores: many ties
            y[i] = random.nextDouble() < 0.3 + 0.5 * p[i];
        }
        BinaryMetrics m = BinaryMetrics.of(p, y);
        assertThat(m.rocAuc()).isCloseTo(bruteForceAuc(p, y), within(1e-12));
        assertThat(m.prAuc()).isCloseTo(bruteForceAveragePrecision(p, y), within(1e-12));
    }

    @Test
    void aPredictionOutsideZeroOneIsRejected() {
        assertThatThrownBy(() -> BinaryMetrics.of(new double[] {1.2}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinaryMetrics.of(new double[] {Double.NaN}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every (positive, negative) pair, O(n²). */
    static double bruteForceAuc(double[] p, boolean[] y) {
        double won = 0;
        long pairs = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (y[i] && !y[j]) {
                    pairs++;
                    won += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }
        return won / pairs;
    }

    /** For each distinct score s, from the highest: precision and recall of "p >= s", O(n²). */
    static double bruteForceAveragePrecision(double[] p, boolean[] y) {
        double[] thresholds = java.util.Arrays.stream(p).distinct().sorted().toArray();
        long positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        double ap = 0;
        double previousRecall = 0;
        for (int t = thresholds.length - 1; t >= 0; t--) {
            long tp = 0;
            long flagged = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] >= thresholds[t]) {
                    flagged++;
                    tp += y[i] ? 1 : 0;
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * tp / flagged;
            previousRecall = recall;
        }
        return ap;
    }
}
