/**
 * Honest validation of activity predictions made from user-cutoff rows (features up to a cutoff day,
 * label "active in the horizon after it").
 *
 * <p>Figures: {@link io.pulse.core.validation.BinaryMetrics} (accuracy, ROC AUC, average precision,
 * log loss, Brier score, calibration table) and their percentile
 * {@link io.pulse.core.validation.Bootstrap} intervals.
 *
 * <p>Schemes ({@link io.pulse.core.validation.ValidationScheme} over
 * {@link io.pulse.core.validation.LabelledRows}):
 * <ul>
 * <li>{@link io.pulse.core.validation.RandomKFold} shuffles rows into K folds regardless of cutoff.
 *     Labels of training rows then cover the days of test rows' features and labels, so it reads too
 *     high; it is kept to measure by how much.
 * <li>{@link io.pulse.core.validation.TimeSeriesCv} tests on each of the cutoffs just before the
 *     holdout and trains only on cutoffs c with c + horizon <= the test cutoff (expanding or sliding
 *     window).
 * <li>{@link io.pulse.core.validation.ForwardHoldout} tests on the last cutoffs, training under the
 *     same one-horizon gap: what production will see.
 * </ul>
 *
 * <p>The gap rule ({@link io.pulse.core.validation.OptimismVerdict}): the optimism gap is random
 * K-fold AUC − forward-holdout AUC; under 0.01 random K-fold is harmless here. Time-series CV within
 * 0.03 of the holdout is trusted (it averages several cutoffs); otherwise the holdout, with its
 * interval, is.
 */
package io.pulse.core.validation;
