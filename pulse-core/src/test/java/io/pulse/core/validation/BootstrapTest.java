package io.pulse.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void aWeightedSampleHasTheFiguresOfTheRowsRepeatedThatManyTimes() {
        Scored data = scored(300, 11);
        RankedScores scores = new RankedScores(data.p, data.y);
        int[] weight = new int[300];
        SplittableRandom random = new SplittableRandom(3);
        int total = 0;
        for (int i = 0; i < weight.length; i++) {
            weight[i] = random.nextInt(4);
            total += weight[i];
        }
        double[] p = new double[total];
        boolean[] y = new boolean[total];
        int next = 0;
        for (int position = 0; position < weight.length; position++) {
            int row = scores.row(position);
            for (int c = 0; c < weight[position]; c++) {
                p[next] = data.p[row];
                y[next++] = data.y[row];
            }
        }
        RankedScores.Figures weighted = scores.figures(weight);
        BinaryMetrics repeated = BinaryMetrics.of(p, y);
        assertThat(weighted.n()).isEqualTo(total);
        assertThat(weighted.accuracy()).isCloseTo(repeated.accuracy(), within(1e-12));
        assertThat(weighted.rocAuc()).isCloseTo(repeated.rocAuc(), within(1e-12));
        assertThat(weighted.prAuc()).isCloseTo(repeated.prAuc(), within(1e-12));
        assertThat(weighted.logLoss()).isCloseTo(repeated.logLoss(), within(1e-12));
        assertThat(weighted.brier()).isCloseTo(repeated.brier(), within(1e-12));
    }

    @Test
    void everyIntervalContainsItsPointEstimate() {
        Scored data = scored(2_000, 1);
        BinaryMetrics point = BinaryMetrics.of(data.p, data.y);
        MetricIntervals intervals = Bootstrap.withSeed(42).intervals(data.p, data.y);
        Map<String, Interval> byName = intervals.byName();
        assertThat(byName.get("accuracy").contains(point.accuracy())).isTrue();
        assertThat(byName.get("roc_auc").contains(point.rocAuc())).isTrue();
        assertThat(byName.get("pr_auc").contains(point.prAuc())).isTrue();
        assertThat(byName.get("log_loss").contains(point.logLoss())).isTrue();
        assertThat(byName.get("brier").contains(point.brier())).isTrue();
        assertThat(intervals.rounds()).isEqualTo(200);
        assertThat(intervals.level()).isEqualTo(0.95);
        assertThat(intervals.seed()).isEqualTo(42);
    }

    @Test
    void theAucIntervalNarrowsAboutAsOneOverRootN() {
        Scored small = scored(1_000, 2);
        Scored large = scored(16_000, 2);
        double smallWidth = Bootstrap.withSeed(7).intervals(small.p, small.y).rocAuc().width();
        double largeWidth = Bootstrap.withSeed(7).intervals(large.p, large.y).rocAuc().width();
        // 16 times the rows: a quarter of the width, give or take the noise of 200 rounds.
        assertThat(largeWidth / smallWidth).isBetween(0.15, 0.4);
    }

    @Test
    void theSameSeedGivesTheSameIntervals() {
        Scored data = scored(500, 3);
        assertThat(Bootstrap.withSeed(9).intervals(data.p, data.y))
                .isEqualTo(Bootstrap.withSeed(9).intervals(data.p, data.y));
        assertThat(Bootstrap.withSeed(10).intervals(data.p, data.y))
                .isNotEqualTo(Bootstrap.withSeed(9).intervals(data.p, data.y));
    }

    @Test
    void theAucIntervalAgreesWithTheNormalApproximationOfHanleyAndMcNeil() {
        Scored data = scored(5_000, 4);
        BinaryMetrics point = BinaryMetrics.of(data.p, data.y);
        Interval auc = new Bootstrap(1_000, 0.95, 5).intervals(data.p, data.y).rocAuc();
        // Hanley and McNeil (1982) eq. 2: se² = (A(1-A) + (P-1)(Q1-A²) + (N-1)(Q2-A²)) / (P N),
        // Q1 = A / (2 - A), Q2 = 2A² / (1 + A); a 95% interval is about 2 × 1.96 se wide.
        double a = point.rocAuc();
        double positives = point.positiveRate() * point.n();
        double negatives = point.n() - positives;
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double se = Math.sqrt((a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a))
                / (positives * negatives));
        assertThat(auc.width()).isCloseTo(2 * 1.96 * se, within(0.25 * 2 * 1.96 * se));
    }

    @Test
    void twoHundredRoundsOverAHundredThousandRowsTakeSecondsNotMinutes() {
        Scored data = scored(100_000, 6);
        Bootstrap.withSeed(1).intervals(data.p, data.y); // warm up
        long start = System.nanoTime();
        Bootstrap.withSeed(2).intervals(data.p, data.y);
        // 0.4-0.9 s on two busy cores; the limit leaves room for a loaded CI machine but catches a
        // sort per round (which costs about ten times more).
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatisticsAsNumpyDoes() {
        double[] sorted = {1, 2, 3, 4, 5};
        // numpy.quantile([1,2,3,4,5], 0.025) = 1 + 0.1 × 1 = 1.1; 0.975 -> 4.9
        assertThat(Bootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3.0);
    }

    record Scored(double[] p, boolean[] y) {
    }

    /** A moderately good model: y ~ Bernoulli(p) with p = sigmoid(2 u), u standard normal. */
    static Scored scored(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double u = normal(random);
            p[i] = 1 / (1 + Math.exp(-2 * u));
            y[i] = random.nextDouble() < p[i];
        }
        return new Scored(p, y);
    }

    private static double normal(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
