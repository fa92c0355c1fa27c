package io.pulse.core.prediction;

/**
 * Fits one kind of {@link ActivityModel}. A trainer carries its settings; {@link #fit} may be called
 * many times (once per validation fold) and must not keep state between calls.
 */
public interface ModelTrainer {

    /** "xgboost", "logistic" or "bgnbd"; the key models are stored and loaded under. */
    String kind();

    /**
     * @param x training rows; the model reads the columns listed in {@code info.features()}
     * @param active the label of each row
     * @param info what the model will say about itself (kind, features, label, cutoffs, seed...)
     */
    ActivityModel fit(FeatureMatrix x, boolean[] active, ModelInfo info);

    /** Rebuilds a model from {@link ActivityModel#toBytes()} and its stored info. */
    ActivityModel load(byte[] state, ModelInfo info);
}
