package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pulse.core.PulseInputException;
import io.pulse.core.validation.BinaryMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class MarginalValueTest {

    private static final int USERS = 20_000;

    /**
     * Three informative tags (log-odds -2 + 1.6 a + 1.2 b + 0.9 c of the outcome), a near copy of a and
     * of b (2% of users flipped), and four tags of pure noise.
     */
    private static final class Planted {
        final List<String> names = List.of("noise_1", "copy_of_a", "a", "noise_2", "b", "copy_of_b", "c",
                "noise_3", "noise_4");
        final List<RoaringBitmap> tags = new ArrayList<>();
        final RoaringBitmap outcome = new RoaringBitmap();

        Planted(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int t = 0; t < names.size(); t++) {
                tags.add(new RoaringBitmap());
            }
            for (int u = 0; u < USERS; u++) {
                boolean a = random.nextDouble() < 0.3;
                boolean b = random.nextDouble() < 0.4;
                boolean c = random.nextDouble() < 0.25;
                set(u, "a", a);
                set(u, "b", b);
                set(u, "c", c);
                set(u, "copy_of_a", a ^ random.nextDouble() < 0.02);
                set(u, "copy_of_b", b ^ random.nextDouble() < 0.02);
                for (String noise : List.of("noise_1", "noise_2", "noise_3", "noise_4")) {
                    set(u, noise, random.nextDouble() < 0.35);
                }
                double eta = -2 + 1.6 * (a ? 1 : 0) + 1.2 * (b ? 1 : 0) + 0.9 * (c ? 1 : 0);
                if (random.nextDouble() < 1 / (1 + Math.exp(-eta))) {
                    outcome.add(u);
                }
            }
        }

        private void set(int user, String tag, boolean on) {
            if (on) {
                tags.get(names.indexOf(tag)).add(user);
            }
        }
    }

    @Test
    void theInformativeTagsComeFirstAndTheCopiesAreDroppedCitingTheirOriginals() {
        Planted data = new Planted(5);
        MarginalValueResult result = MarginalValue.curve(data.names, data.tags, data.outcome, USERS,
                MarginalValue.Options.defaults(42));
        assertThat(result.curve()).hasSize(9);
        assertThat(result.curve().subList(0, 3)).extracting(MarginalStep::tag).containsExactly("a", "b", "c");
        assertThat(result.knee()).isEqualTo(3);
        assertThat(result.recommended()).containsExactly("a", "b", "c");
        DroppedTag copyOfA = result.dropped().stream().filter(d -> d.tag().equals("copy_of_a")).findFirst().orElseThrow();
        assertThat(copyOfA.duplicates()).isEqualTo("a");
        assertThat(copyOfA.jaccard()).isGreaterThan(0.9);
        DroppedTag copyOfB = result.dropped().stream().filter(d -> d.tag().equals("copy_of_b")).findFirst().orElseThrow();
        assertThat(copyOfB.duplicates()).isEqualTo("b");
        assertThat(result.dropped()).hasSize(6);
        // rises steeply for three tags, then stays flat within noise
        List<MarginalStep> curve = result.curve();
        assertThat(curve.get(0).auc()).isGreaterThan(0.6);
        assertThat(curve.get(1).auc()).isGreaterThan(curve.get(0).auc() + 0.02);
        assertThat(curve.get(2).auc()).isGreaterThan(curve.get(1).auc() + 0.01);
        for (int k = 3; k < curve.size(); k++) {
            assertThat(Math.abs(curve.get(k).auc() - curve.get(2).auc())).isLessThan(0.005);
            assertThat(curve.get(k).gain()).isCloseTo(curve.get(k).auc() - curve.get(k - 1).auc(), within(1e-15));
        }
        assertThat(result.trainUsers() + result.testUsers()).isEqualTo(USERS);
        assertThat(result.options().seed()).isEqualTo(42);
    }

    @Test
    void theSameSeedGivesTheSameCurve() {
        Planted data = new Planted(9);
        MarginalValueResult first = MarginalValue.curve(data.names, data.tags, data.outcome, USERS,
                MarginalValue.Options.defaults(1));
        MarginalValueResult second = MarginalValue.curve(data.names, data.tags, data.outcome, USERS,
                MarginalValue.Options.defaults(1));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theCurvesFirstPointIsTheHeldOutAucOfTheBestSingleTag() {
        // With one binary tag the score is the tag itself, so AUC is that of the indicator on the test users.
        Planted data = new Planted(3);
        MarginalValue.Options options = MarginalValue.Options.defaults(8);
        MarginalValueResult result = MarginalValue.curve(data.names, data.tags, data.outcome, USERS, options);
        SplittableRandom split = new SplittableRandom(options.seed());
        RoaringBitmap a = data.tags.get(data.names.indexOf("a"));
        List<Double> p = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            if (split.nextDouble() < options.testShare()) {
                p.add(a.contains(u) ? 1.0 : 0.0);
                y.add(data.outcome.contains(u));
            }
        }
        double[] scores = p.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] labels = new boolean[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        assertThat(result.curve().get(0).auc()).isCloseTo(BinaryMetrics.of(scores, labels).rocAuc(), within(1e-12));
    }

    @Test
    void anOutcomeEveryoneHasIsAnInputMistake() {
        assertThatThrownBy(() -> MarginalValue.curve(List.of("t"), List.of(RoaringBitmap.bitmapOf(1)),
                RoaringBitmap.bitmapOfRange(0, 100), 100, MarginalValue.Options.defaults(1)))
                .isInstanceOf(PulseInputException.class)
                .hasMessageStartingWith("the outcome needs users with and without it");
    }

    @Test
    void groupedAucEqualsTheAucOfTheExpandedRows() {
        double[] score = {0.2, 0.9, 0.5, 0.5, 0.1};
        double[] pos = {1, 3, 0, 2, 0};
        double[] neg = {2, 1, 4, 1, 3};
        List<Double> p = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int g = 0; g < score.length; g++) {
            for (int i = 0; i < pos[g] + neg[g]; i++) {
                p.add(score[g]);
                y.add(i < pos[g]);
            }
        }
        boolean[] labels = new boolean[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        assertThat(GroupedAuc.of(score, pos, neg)).isCloseTo(
                BinaryMetrics.of(p.stream().mapToDouble(Double::doubleValue).toArray(), labels).rocAuc(), within(1e-12));
    }

    @Test
    void theMergedAucOfAShiftedSplitEqualsTheSortedOne() {
        SplittableRandom random = new SplittableRandom(4);
        for (int round = 0; round < 200; round++) {
            int groups = 1 + random.nextInt(12);
            double[] eta = new double[groups];
            double[] pos = new double[groups];
            double[] neg = new double[groups];
            double[] withPos = new double[groups];
            double[] withNeg = new double[groups];
            for (int g = 0; g < groups; g++) {
                eta[g] = random.nextInt(6) / 2.0; // ties, within and across the halves
                pos[g] = random.nextInt(5);
                neg[g] = random.nextInt(5);
                withPos[g] = random.nextInt((int) pos[g] + 1);
                withNeg[g] = random.nextInt((int) neg[g] + 1);
            }
            Arrays.sort(eta);
            double shift = (random.nextInt(9) - 4) / 2.0;
            double[] score = new double[2 * groups];
            double[] rowPos = new double[2 * groups];
            double[] rowNeg = new double[2 * groups];
            for (int g = 0; g < groups; g++) {
                score[2 * g] = eta[g];
                score[2 * g + 1] = eta[g] + shift;
                rowPos[2 * g] = pos[g] - withPos[g];
                rowNeg[2 * g] = neg[g] - withNeg[g];
                rowPos[2 * g + 1] = withPos[g];
                rowNeg[2 * g + 1] = withNeg[g];
            }
            double sorted = GroupedAuc.of(score, rowPos, rowNeg);
            double merged = GroupedAuc.split(eta, shift, pos, neg, withPos, withNeg);
            if (Double.isNaN(sorted)) {
                assertThat(merged).isNaN();
            } else {
                assertThat(merged).as("round %d", round).isCloseTo(sorted, within(1e-12));
            }
        }
    }

    @Test
    void weightedLogisticRecoversTheCellRatesWhenBarelyPenalised() {
        // Two cells: without the tag 10 of 40 positive, with it 30 of 40. The saturated fit has
        // intercept logit(0.25) and slope logit(0.75) - logit(0.25) = 2 ln 3.
        double[] beta = WeightedLogistic.fit(new int[][] {{}, {1}}, new double[2], new double[] {10, 30},
                new double[] {30, 10}, 1e-9, new double[2]);
        assertThat(beta[0]).isCloseTo(Math.log(1.0 / 3), within(1e-6));
        assertThat(beta[1]).isCloseTo(2 * Math.log(3), within(1e-6));
    }
}
