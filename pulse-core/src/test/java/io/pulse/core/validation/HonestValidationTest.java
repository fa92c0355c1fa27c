package io.pulse.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.LogisticRegression;
import io.pulse.core.prediction.ModelInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The three schemes end to end, with a logistic regression, on simulated user-cutoff rows. */
class HonestValidationTest {

    private static final int CUTOFFS = 12;
    private static final int USERS = 3_000;
    private static final List<String> FEATURES = List.of("sessions", "orders");

    private record Data(LabelledRows rows, FeatureMatrix x, boolean[] y) {
    }

    /**
     * Cutoffs 14 days apart, 30-day labels. Log-odds of activity = w1(t) sessions + w2(t) orders; with
     * drift the weight moves from sessions to orders over the year, so a model fitted on the past ranks
     * the last cutoff's users worse than one that has seen that period.
     */
    private static Data simulate(boolean drift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate[] cutoffs = IntStream.range(0, CUTOFFS).mapToObj(c -> LocalDate.of(2024, 1, 7).plusDays(14L * c))
                .toArray(LocalDate[]::new);
        int n = CUTOFFS * USERS;
        int[] cutoffOfRow = new int[n];
        double[] values = new double[2 * n];
        boolean[] y = new boolean[n];
        for (int r = 0; r < n; r++) {
            int c = r / USERS;
            double share = drift ? (double) c / (CUTOFFS - 1) : 0.5;
            double sessions = normal(random);
            double orders = normal(random);
            double eta = 2 * (1 - share) * sessions + 2 * share * orders;
            cutoffOfRow[r] = c;
            values[2 * r] = sessions;
            values[2 * r + 1] = orders;
            y[r] = random.nextDouble() < 1 / (1 + Math.exp(-eta));
        }
        return new Data(new LabelledRows(cutoffOfRow, cutoffs, 30), new FeatureMatrix(
                FEATURES.toArray(String[]::new), n, values), y);
    }

    /** Out-of-split predictions of every split pooled, then the AUC and its bootstrap interval. */
    private static AucEstimate validate(ValidationScheme scheme, Data data) {
        List<Split> splits = scheme.splits(data.rows());
        int tested = splits.stream().mapToInt(s -> s.test().length).sum();
        double[] p = new double[tested];
        boolean[] y = new boolean[tested];
        int next = 0;
        for (Split split : splits) {
            ModelInfo info = new ModelInfo("logistic", FEATURES, "active in the 30 days after the cutoff", 30,
                    split.trainCutoffs(), Map.of(), Map.of(), 1, "dev", Instant.EPOCH);
            ActivityModel model = new LogisticRegression().fit(data.x().select(split.train()), select(data.y(),
                    split.train()), info);
            double[] scores = model.predict(data.x().select(split.test()));
            for (int i = 0; i < scores.length; i++) {
                p[next] = scores[i];
                y[next++] = data.y()[split.test()[i]];
            }
        }
        return AucEstimate.of(BinaryMetrics.of(p, y), Bootstrap.withSeed(1).intervals(p, y));
    }

    private static boolean[] select(boolean[] values, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static OptimismVerdict judge(Data data) {
        return OptimismVerdict.judge(validate(new RandomKFold(5, 1), data), validate(TimeSeriesCv.expanding(4, 1),
                data), validate(new ForwardHoldout(), data));
    }

    @Test
    void underDriftRandomKFoldOverstatesTheForwardHoldout() {
        OptimismVerdict verdict = judge(simulate(true, 1));
        assertThat(verdict.optimismGap()).isGreaterThan(0.03);
        assertThat(verdict.trust()).isNotEqualTo(OptimismVerdict.Trust.NONE);
        assertThat(verdict.verdict()).startsWith("Random K-fold overstates what production will see by");
    }

    @Test
    void withoutDriftTheThreeSchemesAgree() {
        OptimismVerdict verdict = judge(simulate(false, 2));
        // 3,000 holdout rows: the AUC's standard error is about 0.008.
        assertThat(Math.abs(verdict.optimismGap())).isLessThan(0.03);
        assertThat(verdict.trust()).isEqualTo(OptimismVerdict.Trust.TIME_SERIES_CV);
    }

    private static double normal(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
