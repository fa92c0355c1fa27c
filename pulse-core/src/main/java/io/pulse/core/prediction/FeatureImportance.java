package io.pulse.core.prediction;

/**
 * How much one feature drives a model's scores, in the model's own measure (total gain for trees, the
 * absolute standardised coefficient for logistic regression), and that measure's name.
 */
public record FeatureImportance(String feature, double importance, String measure) {
}
