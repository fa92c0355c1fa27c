package io.pulse.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.FeatureImportance;
import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real XGBoost on {@link Synthetic} data: 8,000 rows to train on, 2,000 held out. */
class GradientBoostedTreesTest {

    static final long SEED = 11;
    static Synthetic train;
    static Synthetic holdout;
    static ActivityModel model;

    @BeforeAll
    static void fitOnce() {
        train = Synthetic.generate(8_000, 1);
        holdout = Synthetic.generate(2_000, 2);
        model = new GradientBoostedTrees().fit(train.x(), train.active(), Synthetic.info(SEED));
    }

    @Test
    void aucByPairsMatchesAHandCountedExample() {
        // 4 (active, inactive) pairs: 0.35 < 0.4 is the one ranked wrongly, so 3 of 4 are right.
        assertThat(Auc.byPairs(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.75);
        assertThat(Auc.byPairs(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.5);
    }

    @Test
    void learnsTheSignInteractionOnHeldOutRows() {
        // With 5% of labels flipped, even the true rule scores 0.95² + ½·2·0.95·0.05 = 0.95; no single
        // feature beats 0.5 and neither does a linear model.
        double auc = Auc.byPairs(model.predict(holdout.x()), holdout.active());
        assertThat(auc).isGreaterThan(0.9).isLessThanOrEqualTo(0.96);
    }

    @Test
    void predictionsAreProbabilities() {
        double[] p = model.predict(holdout.x());
        assertThat(p).hasSize(2_000);
        assertThat(Arrays.stream(p).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(p).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void explainRanksTheTwoInformativeFeaturesFirstByTotalGain() {
        List<FeatureImportance> top = model.explain(2);
        assertThat(top).extracting(FeatureImportance::feature).containsExactlyInAnyOrder("x1", "x2");
        assertThat(top).extracting(FeatureImportance::measure).containsOnly("total_gain");
        List<FeatureImportance> all = model.explain(10);
        assertThat(all).hasSize(5);
        assertThat(all.get(1).importance()).isGreaterThan(5 * all.get(2).importance());
        assertThat(all).extracting(FeatureImportance::importance).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aFeatureNoTreeSplitsOnHasZeroImportance() {
        assertThat(model.explain(5)).filteredOn(f -> f.feature().equals("constant"))
                .extracting(FeatureImportance::importance).containsExactly(0.0);
    }

    @Test
    void savedAndLoadedModelPredictsExactlyTheSame() {
        ActivityModel loaded = new GradientBoostedTrees().load(model.toBytes(), model.info());
        assertThat(loaded.predict(holdout.x())).containsExactly(model.predict(holdout.x()));
        assertThat(loaded.explain(5)).isEqualTo(model.explain(5));
    }

    @Test
    void serializedModelIsUniversalBinaryJson() {
        // UBJ opens with '{' followed by a typed key, unlike JSON's '{"'.
        byte[] bytes = model.toBytes();
        assertThat(bytes[0]).isEqualTo((byte) '{');
        assertThat(bytes[1]).isNotEqualTo((byte) '"');
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrderAndExtras() {
        FeatureMatrix shuffled = reorder(holdout.x(), new String[] {"extra", "constant", "n2", "x2", "n1", "x1"});
        assertThat(model.predict(shuffled)).containsExactly(model.predict(holdout.x()));

        ActivityModel fromShuffled = new GradientBoostedTrees().fit(reorder(train.x(),
                new String[] {"n1", "extra", "x2", "constant", "x1", "n2"}), train.active(), Synthetic.info(SEED));
        assertThat(fromShuffled.predict(holdout.x())).containsExactly(model.predict(holdout.x()));
    }

    @Test
    void readsOnlyTheFeaturesItsInfoLists() {
        ActivityModel two = new GradientBoostedTrees(GradientBoostedTrees.Settings.defaults().withRounds(20))
                .fit(train.x(), train.active(), Synthetic.info(SEED, "x2", "x1"));
        FeatureMatrix justThose = reorder(holdout.x(), new String[] {"x1", "x2"});
        assertThat(two.predict(justThose)).containsExactly(two.predict(holdout.x()));
        assertThat(two.explain(5)).extracting(FeatureImportance::feature).containsExactlyInAnyOrder("x1", "x2");
    }

    @Test
    void aMissingColumnIsNamedInTheError() {
        FeatureMatrix withoutX2 = reorder(holdout.x(), new String[] {"x1", "n1", "n2", "constant"});
        assertThatThrownBy(() -> model.predict(withoutX2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x2'");
    }

    @Test
    void sameSeedGivesTheSamePredictionsAndAnotherSeedDoesNot() {
        GradientBoostedTrees trainer = new GradientBoostedTrees(GradientBoostedTrees.Settings.defaults().withRounds(30));
        double[] a = trainer.fit(train.x(), train.active(), Synthetic.info(5)).predict(holdout.x());
        double[] b = trainer.fit(train.x(), train.active(), Synthetic.info(5)).predict(holdout.x());
        double[] c = trainer.fit(train.x(), train.active(), Synthetic.info(6)).predict(holdout.x());
        assertThat(b).containsExactly(a);
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    @Test
    void missingValuesGoTheWayTheTrainingDataSent() {
        // Active exactly when x > 0.5, and always when x is missing. Were NaN read as 0 (or any number
        // up to 0.5), the missing rows would score low; native missing handling learns they go right.
        int n = 4_000;
        double[] values = new double[n];
        boolean[] active = new boolean[n];
        Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            boolean missing = i % 5 == 0;
            values[i] = missing ? Double.NaN : random.nextDouble();
            active[i] = missing || values[i] > 0.5;
        }
        ActivityModel m = new GradientBoostedTrees(GradientBoostedTrees.Settings.defaults().withRounds(50))
                .fit(new FeatureMatrix(new String[] {"x"}, n, values), active, Synthetic.info(1, "x"));
        double[] p = m.predict(new FeatureMatrix(new String[] {"x"}, 3, new double[] {Double.NaN, 0.1, 0.9}));
        assertThat(p[0]).isGreaterThan(0.95);
        assertThat(p[1]).isLessThan(0.05);
        assertThat(p[2]).isGreaterThan(0.95);
    }

    @Test
    void fittedInfoRecordsTheParametersUsed() {
        ModelInfo info = model.info();
        assertThat(info.kind()).isEqualTo("xgboost");
        assertThat(info.features()).containsExactly(Synthetic.NAMES);
        assertThat(info.parameters()).containsEntry("rounds", "200").containsEntry("max_depth", "6")
                .containsEntry("eta", "0.1").containsEntry("subsample", "0.8").containsEntry("colsample_bytree", "0.8")
                .containsEntry("min_child_weight", "1.0").containsEntry("objective", "binary:logistic")
                .containsEntry("tree_method", "hist").containsEntry("seed", "11").containsEntry("missing", "NaN")
                .containsEntry("nthread", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void loadRejectsBytesThatAreNotAModelOrInfoThatDoesNotMatch() {
        GradientBoostedTrees trainer = new GradientBoostedTrees();
        assertThatThrownBy(() -> trainer.load(new byte[] {1, 2, 3}, model.info()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trainer.load(model.toBytes(), Synthetic.info(SEED, "x1", "x2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 features");
    }

    @Test
    void labelsMustMatchTheRows() {
        assertThatThrownBy(() -> new GradientBoostedTrees().fit(train.x(), new boolean[3], Synthetic.info(SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 labels for 8000 rows");
    }

    static FeatureMatrix reorder(FeatureMatrix x, String[] names) {
        double[] values = new double[x.rows() * names.length];
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < names.length; j++) {
                int from = x.column(names[j]);
                values[r * names.length + j] = from < 0 ? -r : x.get(r, from);
            }
        }
        return new FeatureMatrix(names, x.rows(), values);
    }
}
