/**
 * Spike and level-shift detection on a stream of values per key, and its evaluation on the Numenta
 * Anomaly Benchmark. Detectors ({@link Detector}: {@link RobustZScore}, {@link EwmaCusum},
 * {@link WindowedGaussian}, the ensemble {@link PulseDetector} with {@link AnomalyLikelihood}) are causal
 * and keep bounded state. {@link NabScorer} is NAB's scorer and threshold optimiser; {@link NabRun}
 * reads a NAB data directory and windows file and scores detectors over it. See docs/nab.md.
 */
package io.pulse.core.anomaly;
