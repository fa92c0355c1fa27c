package io.pulse.core.validation;

/**
 * One bin of a calibration table: the rows whose predicted probability falls in [lower, upper) (the
 * last bin also holds 1.0), how many there are, what the model predicted for them on average and how
 * often they were in fact active. A calibrated model has meanPredicted close to observedRate.
 */
public record CalibrationBin(double lower, double upper, long count, double meanPredicted, double observedRate) {
}
