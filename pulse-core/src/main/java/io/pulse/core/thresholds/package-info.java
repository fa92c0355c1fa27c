/**
 * Personal thresholds: when a customer's silence becomes unusual for them
 * ({@link io.pulse.core.thresholds.GapPrior}, {@link io.pulse.core.thresholds.DormancyThreshold}), and
 * below which predicted probability of activity acting on them pays
 * ({@link io.pulse.core.thresholds.EngagementCut}), with the reason in words
 * ({@link io.pulse.core.thresholds.ThresholdReason}).
 *
 * <p>Pure functions over primitive arrays; the store computes the gaps and writes the results.
 */
package io.pulse.core.thresholds;
