package io.pulse.core.prediction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a fitted activity model is and how it was made, saved with it and shown with every score.
 *
 * @param kind "xgboost", "logistic" or "bgnbd"
 * @param features the columns it reads, in order
 * @param label what it predicts, e.g. "any event in the 30 days after the cutoff"
 * @param horizonDays length of the label window
 * @param cutoffs the cutoff days of the rows it was trained on
 * @param parameters the trainer's settings (rounds, depth, lambda...)
 * @param metrics figures measured on data it was not trained on, e.g. forward-holdout AUC
 * @param seed seed of any randomness in training
 */
public record ModelInfo(String kind, List<String> features, String label, int horizonDays, List<LocalDate> cutoffs,
        Map<String, String> parameters, Map<String, Double> metrics, long seed, String pulseVersion,
        Instant trainedAt) {

    public ModelInfo {
        features = List.copyOf(features);
        cutoffs = List.copyOf(cutoffs);
        parameters = Map.copyOf(parameters);
        metrics = Map.copyOf(metrics);
    }

    /** The earliest training cutoff, or null when there is none. */
    public LocalDate firstCutoff() {
        return cutoffs.isEmpty() ? null : cutoffs.get(0);
    }

    /** The latest training cutoff, or null when there is none. */
    public LocalDate lastCutoff() {
        return cutoffs.isEmpty() ? null : cutoffs.get(cutoffs.size() - 1);
    }

    /** The same model with {@code metrics} recorded (after validation). */
    public ModelInfo withMetrics(Map<String, Double> measured) {
        return new ModelInfo(kind, features, label, horizonDays, cutoffs, parameters, measured, seed, pulseVersion,
                trainedAt);
    }
}
