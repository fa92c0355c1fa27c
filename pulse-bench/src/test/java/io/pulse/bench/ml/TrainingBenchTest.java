package io.pulse.bench.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The benchmark at 2,000 rows, checking what it reports rather than how fast. */
class TrainingBenchTest {

    @Test
    void atTwoThousandRowsBothSidesTrainTheSameModelAndTheReportGivesTheRatio() throws Exception {
        TrainingBench.Options o = TrainingBench.Options.parse(new String[] {"--rows=2000", "--cols=30", "--rounds=2",
            "--trees=20"});
        TrainingBench.Result r = TrainingBench.run(o);
        assertThat(r.pulseWall().values()).hasSize(2);
        assertThat(r.directWall().values()).hasSize(2);
        assertThat(Arrays.stream(r.pulseWall().values()).min().orElseThrow()).isPositive();
        assertThat(Arrays.stream(r.directWall().values()).min().orElseThrow()).isPositive();
        // Same rows, same parameters, same seed: XGBoost is deterministic on the CPU.
        assertThat(r.maxDifference()).isLessThan(1e-6);
        assertThat(r.pulseAuc()).isEqualTo(r.directAuc()).isGreaterThan(0.7);
        assertThat(r.activeShare()).isBetween(0.2, 0.8);
        assertThat(TrainingBench.markdown(r)).startsWith("## Model training").contains("| Pulse |")
                .contains("| XGBoost4J direct |").contains("goal ≤ 1.2×").contains("--rows=2000");
    }

    @Test
    void rankAucMatchesAHandCountedExample() {
        // Pairs (active 0.35, 0.8) × (inactive 0.1, 0.4): only 0.35 < 0.4 is misordered, so 3 of 4.
        assertThat(RankAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.75);
    }

    @Test
    void rankAucEqualsCountingEveryPairWhenScoresTie() {
        SplittableRandom random = new SplittableRandom(9);
        double[] score = new double[500];
        boolean[] active = new boolean[500];
        for (int i = 0; i < score.length; i++) {
            score[i] = random.nextInt(12) / 10.0;
            active[i] = random.nextDouble() < 0.2 + 0.05 * score[i] * 10;
        }
        double correct = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < score.length; j++) {
                if (active[i] && !active[j]) {
                    pairs++;
                    correct += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(RankAuc.of(score, active)).isCloseTo(correct / pairs, within(1e-12));
    }

    @Test
    void generatedRowsHaveCountsSkewedMoneyAndMissingValues() {
        UserRows rows = UserRows.generate(10_000, 30, 1);
        assertThat(rows.names()).startsWith("events_0", "order_value_1", "days_since_2", "share_3", "tenure_days_4",
                "flag_5", "events_6");
        double[] money = column(rows, 1);
        long missing = Arrays.stream(money).filter(Double::isNaN).count();
        assertThat(missing).isBetween(1_700L, 2_300L);
        double[] paid = Arrays.stream(money).filter(v -> !Double.isNaN(v)).sorted().toArray();
        assertThat(paid[paid.length - 1 - paid.length / 100]).isGreaterThan(5 * paid[paid.length / 2]);
        assertThat(Arrays.stream(column(rows, 0)).allMatch(c -> c >= 0 && c == Math.floor(c))).isTrue();
        assertThat(UserRows.generate(10_000, 30, 1).values()).isEqualTo(rows.values());
    }

    private static double[] column(UserRows rows, int j) {
        double[] out = new double[rows.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.values()[i * rows.names().length + j];
        }
        return out;
    }
}
