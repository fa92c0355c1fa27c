/**
 * Activity prediction: will a customer be active in the horizon after a cutoff? One small interface
 * for every model ({@link io.pulse.core.prediction.ModelTrainer} fits an
 * {@link io.pulse.core.prediction.ActivityModel}), rows of features as one primitive
 * {@link io.pulse.core.prediction.FeatureMatrix}, and {@link io.pulse.core.prediction.ModelInfo},
 * the provenance every fitted model carries (features, label, cutoffs, settings, measured metrics).
 */
package io.pulse.core.prediction;
