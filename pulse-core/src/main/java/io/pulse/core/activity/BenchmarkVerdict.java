package io.pulse.core.activity;

/**
 * The mean monthly active rate set against a {@link BenchmarkBand}: {@code position} is "below",
 * "within" or "above", and {@code verdict} says it in a sentence with the figures.
 */
public record BenchmarkVerdict(double low, double high, double activeRate, String position, String verdict) {
}
