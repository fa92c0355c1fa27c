package io.pulse.core.anomaly;

/**
 * A streaming anomaly detector for one series (one key). It is causal: the score for a row depends on
 * that row and the rows before it only, so it runs unchanged on a live stream of windowed counts.
 * Implementations keep bounded state (fixed rings, running moments), O(1) or O(history) per row with a
 * fixed history, never the whole series.
 */
public interface Detector {

    /** Consumes the next row and returns its anomaly score in [0, 1]. */
    double score(long epochSecond, double value);
}
