package io.pulse.ml.internal;

import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.FeatureImportance;
import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;

/**
 * A fitted XGBoost model. It keeps the booster's serialized bytes, not a live booster: the
 * {@link ActivityModel} interface has no close, so a native booster held here would live until the
 * garbage collector got round to it. Each {@link #predict} and {@link #explain} deserializes the booster
 * (milliseconds for hundreds of trees, far less than scoring a real population) and frees it after.
 */
public final class BoostedTreesModel implements ActivityModel {

    public static final String IMPORTANCE_MEASURE = "total_gain";

    private final ModelInfo info;
    private final byte[] model;

    public BoostedTreesModel(ModelInfo info, byte[] model) {
        this.info = info;
        this.model = model;
    }

    /** Checks that {@code state} deserializes to a booster over as many features as {@code info} lists. */
    public static BoostedTreesModel load(byte[] state, ModelInfo info) {
        long features = Native.withModel(state, Booster::getNumFeature);
        if (features != info.features().size()) {
            throw new IllegalArgumentException("the model reads " + features + " features but its info lists "
                    + info.features().size() + " (" + info.features() + ")");
        }
        return new BoostedTreesModel(info, state.clone());
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public double[] predict(FeatureMatrix x) {
        if (x.rows() == 0) {
            return new double[0];
        }
        float[] rows = XgbRows.select(x, info.features());
        float[][] p = Native.withModel(model,
                booster -> Native.withMatrix(rows, x.rows(), info.features().size(), booster::predict));
        double[] out = new double[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = p[i][0];
        }
        return out;
    }

    /**
     * Total gain: the loss reduction summed over every split on the feature, in all trees. Features no
     * tree splits on have 0. Ties keep the order of {@link ModelInfo#features()}.
     */
    @Override
    public List<FeatureImportance> explain(int top) {
        if (top < 0) {
            throw new IllegalArgumentException("top must not be negative");
        }
        List<String> features = info.features();
        // XGBoost's Java API reads importance from a text dump of the trees and takes the name between
        // '[' and '<' of each split; positional names "f0", "f1"... keep real names containing those
        // characters from breaking the parse.
        String[] positional = new String[features.size()];
        for (int j = 0; j < positional.length; j++) {
            positional[j] = "f" + j;
        }
        Map<String, Double> gain = Native.withModel(model, b -> b.getScore(positional, IMPORTANCE_MEASURE));
        List<FeatureImportance> all = new ArrayList<>(features.size());
        for (int j = 0; j < positional.length; j++) {
            all.add(new FeatureImportance(features.get(j), gain.getOrDefault(positional[j], 0.0), IMPORTANCE_MEASURE));
        }
        all.sort(Comparator.comparingDouble(FeatureImportance::importance).reversed());
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }

    @Override
    public byte[] toBytes() {
        return model.clone();
    }
}
