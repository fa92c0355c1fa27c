/**
 * User tags: the pure algorithms behind the tag store, audiences and the tag audit.
 *
 * <ul>
 *   <li>Expressions: {@link io.pulse.core.tags.AudienceExpression} (tags combined with and/or/not) and
 *       {@link io.pulse.core.tags.FeatureCondition} (the rule of a rule tag over the feature table, with
 *       population percentiles), both parsed into an {@link io.pulse.core.tags.Expression} tree and
 *       evaluated as set algebra on {@link org.roaringbitmap.RoaringBitmap}s of dense user indexes.
 *       Mistakes are {@link io.pulse.core.tags.TagExpressionException}s with a caret under the column.</li>
 *   <li>Association: {@link io.pulse.core.tags.FpGrowth} frequent itemsets over
 *       {@link io.pulse.core.tags.Transactions} (one set of tag ids per user), and
 *       {@link io.pulse.core.tags.AssociationRules} with support, confidence, lift, leverage, conviction.</li>
 *   <li>Redundancy: {@link io.pulse.core.tags.TagOverlap} (Jaccard, phi, conditional probabilities,
 *       implied and contradictory pairs), {@link io.pulse.core.tags.TagStability} between versions, and
 *       {@link io.pulse.core.tags.TagClustering} (average linkage on
 *       1 - Jaccard, merge candidates).</li>
 *   <li>Marginal value: {@link io.pulse.core.tags.MarginalValue}, greedy forward selection of tags by the
 *       held-out AUC of a logistic regression, its knee and the pruned set.</li>
 * </ul>
 *
 * <p>Everything is deterministic: the only randomness, the train/test split of the marginal value
 * curve, comes from a seed the caller gives and the result records.
 */
package io.pulse.core.tags;
