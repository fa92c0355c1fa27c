package io.pulse.core.prediction;

import java.util.List;

/**
 * A fitted model of "will this customer be active in the horizon after the cutoff": it scores rows of
 * features with a probability, says which features matter, and turns into bytes to be stored.
 * Implementations: logistic regression ({@link LogisticRegression}), gradient-boosted trees (pulse-ml),
 * and the BG/NBD baseline (pulse-store).
 */
public interface ActivityModel {

    ModelInfo info();

    /**
     * @param x rows with at least the columns of {@link ModelInfo#features()}, found by name
     * @return P(active in the horizon) per row, in [0, 1]
     */
    double[] predict(FeatureMatrix x);

    /** The {@code top} most important features, most important first. */
    List<FeatureImportance> explain(int top);

    /** The fitted state, from which the model's {@link ModelTrainer#load} rebuilds it (the info is stored apart). */
    byte[] toBytes();
}
