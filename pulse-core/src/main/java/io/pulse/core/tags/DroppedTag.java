package io.pulse.core.tags;

/**
 * A tag left out of the recommended set, and the recommended tag it most resembles.
 *
 * @param duplicates the recommended tag with the highest Jaccard to this one (the first on the curve
 *     among equals)
 * @param jaccard that Jaccard; a low one says the tag was dropped for carrying little, not for
 *     repeating another
 * @param gain what adding this tag gained on the curve (its step's AUC gain)
 */
public record DroppedTag(String tag, String duplicates, double jaccard, double gain) {
}
