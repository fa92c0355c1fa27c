package io.pulse.core.tags;

/**
 * One step of agglomerative clustering, numbered as SciPy's linkage matrix: leaves are 0..k-1 and the
 * cluster made by the i-th merge is k + i.
 *
 * @param left the smaller of the two merged cluster ids
 * @param right the larger
 * @param height the average distance between the two clusters' members
 * @param size leaves in the new cluster
 */
public record TagMerge(int left, int right, double height, int size) {
}
