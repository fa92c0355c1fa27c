package io.pulse.core.tags;

/**
 * One point of the marginal value curve.
 *
 * @param k tags in the model after this step
 * @param tag the tag added at this step
 * @param auc held-out ROC AUC of the logistic regression on the first k tags
 * @param gain auc minus the previous step's (the first step's minus 0.5, a model without tags)
 */
public record MarginalStep(int k, String tag, double auc, double gain) {
}
