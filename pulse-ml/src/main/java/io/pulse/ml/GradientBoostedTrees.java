package io.pulse.ml;

import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import io.pulse.core.prediction.ModelTrainer;
import io.pulse.ml.internal.BoostedTreesModel;
import io.pulse.ml.internal.Native;
import io.pulse.ml.internal.XgbRows;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Gradient-boosted trees (Chen &amp; Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016) on
 * XGBoost4J, predicting P(active in the horizon) with the logistic loss. Missing values (NaN in the
 * {@link FeatureMatrix}) go to XGBoost as missing, so each split learns which way they go (the paper's
 * sparsity-aware split finding, §3.4) instead of being imputed.
 *
 * <p>Each {@link #fit} builds its native matrix and booster and frees both before it returns; the
 * fitted model keeps the booster's serialized bytes only (see {@link BoostedTreesModel}).
 */
public final class GradientBoostedTrees implements ModelTrainer {

    public static final String KIND = "xgboost";
    /**
     * Fixed rather than a setting: {@link ActivityModel#predict} promises probabilities, which only the
     * logistic objective gives ({@code binary:logitraw} gives margins, {@code binary:hinge} 0 or 1).
     */
    public static final String OBJECTIVE = "binary:logistic";

    /**
     * The trainer's settings, named as XGBoost names its parameters. {@link #defaults()} suits tens of
     * features and 10k–1M rows: 200 rounds of depth-6 trees at learning rate 0.1, with row and column
     * subsampling at 0.8 against over-fitting, on the histogram method, on every core.
     *
     * @param rounds boosting rounds (trees)
     * @param maxDepth {@code max_depth}
     * @param eta learning rate, {@code eta}
     * @param subsample fraction of rows each tree sees, {@code subsample}
     * @param colsampleByTree fraction of columns each tree sees, {@code colsample_bytree}
     * @param minChildWeight minimum hessian sum in a leaf, {@code min_child_weight}
     * @param treeMethod {@code hist}, {@code approx} or {@code exact}
     * @param threads {@code nthread}
     */
    public record Settings(int rounds, int maxDepth, double eta, double subsample, double colsampleByTree,
            double minChildWeight, String treeMethod, int threads) {

        public Settings {
            require(rounds >= 1, "rounds must be at least 1");
            require(maxDepth >= 1, "maxDepth must be at least 1");
            require(eta > 0 && eta <= 1, "eta must be in (0, 1]");
            require(subsample > 0 && subsample <= 1, "subsample must be in (0, 1]");
            require(colsampleByTree > 0 && colsampleByTree <= 1, "colsampleByTree must be in (0, 1]");
            require(minChildWeight >= 0, "minChildWeight must not be negative");
            require(treeMethod.equals("hist") || treeMethod.equals("approx") || treeMethod.equals("exact"),
                    "treeMethod must be hist, approx or exact, not " + treeMethod);
            require(threads >= 1, "threads must be at least 1");
        }

        public static Settings defaults() {
            return new Settings(200, 6, 0.1, 0.8, 0.8, 1, "hist", Runtime.getRuntime().availableProcessors());
        }

        public Settings withRounds(int n) {
            return new Settings(n, maxDepth, eta, subsample, colsampleByTree, minChildWeight, treeMethod, threads);
        }

        /**
         * The parameter map handed to {@code XGBoost.train}, in a stable order; the rounds are not in it
         * (they are an argument of {@code train}).
         */
        public Map<String, Object> xgboostParameters(long seed) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("objective", OBJECTIVE);
            p.put("tree_method", treeMethod);
            p.put("max_depth", maxDepth);
            p.put("eta", eta);
            p.put("subsample", subsample);
            p.put("colsample_bytree", colsampleByTree);
            p.put("min_child_weight", minChildWeight);
            p.put("nthread", threads);
            p.put("seed", seed);
            return Collections.unmodifiableMap(p);
        }

        private static void require(boolean ok, String why) {
            if (!ok) {
                throw new IllegalArgumentException(why);
            }
        }
    }

    private final Settings settings;

    public GradientBoostedTrees(Settings settings) {
        this.settings = settings;
    }

    public GradientBoostedTrees() {
        this(Settings.defaults());
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * @return a model whose info is {@code info} with kind "xgboost" and the parameters used (every
     *     XGBoost parameter, the rounds, and the missing-value marker)
     */
    @Override
    public ActivityModel fit(FeatureMatrix x, boolean[] active, ModelInfo info) {
        if (active.length != x.rows()) {
            throw new IllegalArgumentException(active.length + " labels for " + x.rows() + " rows");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException("no rows to train on");
        }
        Map<String, Object> parameters = settings.xgboostParameters(info.seed());
        float[] rows = XgbRows.select(x, info.features());
        float[] labels = new float[active.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = active[i] ? 1f : 0f;
        }
        byte[] model = Native.withMatrix(rows, x.rows(), info.features().size(), train -> {
            train.setLabel(labels);
            return Native.withBooster(XGBoost.train(train, parameters, settings.rounds(), Map.of(), null, null),
                    Native::serialize);
        });
        return new BoostedTreesModel(fitted(info, parameters), model);
    }

    /** Rebuilds a fitted model; fails when the bytes are not an XGBoost model over {@code info.features()}. */
    @Override
    public ActivityModel load(byte[] state, ModelInfo info) {
        return BoostedTreesModel.load(state, info);
    }

    private ModelInfo fitted(ModelInfo info, Map<String, Object> xgboost) {
        Map<String, String> used = new LinkedHashMap<>();
        used.put("rounds", Integer.toString(settings.rounds()));
        xgboost.forEach((k, v) -> used.put(k, v.toString()));
        used.put("missing", "NaN");
        return new ModelInfo(KIND, info.features(), info.label(), info.horizonDays(), info.cutoffs(), used,
                info.metrics(), info.seed(), info.pulseVersion(), info.trainedAt());
    }
}
