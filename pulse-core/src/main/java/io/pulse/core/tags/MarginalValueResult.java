package io.pulse.core.tags;

import java.util.List;

/**
 * The marginal value curve of a tag set and the pruned set it recommends.
 *
 * @param curve one step per tag, in order of selection
 * @param knee the recommended number of tags: the smallest k whose AUC is within
 *     {@code options.tolerance()} of the curve's maximum
 * @param recommended the first {@code knee} tags of the curve
 * @param dropped every other tag, with what it duplicates, in order of selection
 * @param outcomeRate share of users with the outcome
 * @param options how the curve was made: held-out share, tolerance, penalty and the split's seed
 */
public record MarginalValueResult(List<MarginalStep> curve, int knee, List<String> recommended,
        List<DroppedTag> dropped, long trainUsers, long testUsers, double outcomeRate,
        MarginalValue.Options options) {

    public MarginalValueResult {
        curve = List.copyOf(curve);
        recommended = List.copyOf(recommended);
        dropped = List.copyOf(dropped);
    }

    /** The highest AUC on the curve. */
    public double maxAuc() {
        return curve.stream().mapToDouble(MarginalStep::auc).max().orElse(0.5);
    }
}
