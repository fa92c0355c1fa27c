package io.pulse.core.activity;

import io.pulse.core.PulseInputException;

/**
 * The range of monthly active rates (active / known customers) that counts as ordinary for
 * e-commerce; the default 30–40% is the project's reference band.
 */
public record BenchmarkBand(double low, double high) {

    public static final BenchmarkBand DEFAULT = new BenchmarkBand(0.30, 0.40);

    public BenchmarkBand {
        if (!(0 <= low && low <= high && high <= 1)) {
            throw new PulseInputException(null, 0, "band",
                    "benchmark band must satisfy 0 <= low <= high <= 1, got " + low + "–" + high);
        }
    }
}
