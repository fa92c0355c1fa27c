/**
 * Customer segmentation: RFM quintile scores and named cells ({@link io.pulse.core.segments.RfmScores}),
 * k-means on standardised features ({@link io.pulse.core.segments.Standardizer},
 * {@link io.pulse.core.segments.KMeans}, {@link io.pulse.core.segments.Silhouette},
 * {@link io.pulse.core.segments.KChooser}) and a description of each segment against the population
 * ({@link io.pulse.core.segments.SegmentProfile}).
 *
 * <p>Everything here is a pure function over primitive arrays; randomness comes only from a
 * {@link java.util.SplittableRandom} seeded by the caller, and every result records its seed.
 */
package io.pulse.core.segments;
