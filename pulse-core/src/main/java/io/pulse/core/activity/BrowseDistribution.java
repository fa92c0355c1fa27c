package io.pulse.core.activity;

/** How long people browse: seconds per session and total seconds per user. */
public record BrowseDistribution(Percentiles perSessionSeconds, Percentiles perUserSeconds) {

    public static BrowseDistribution of(double[] sessionSeconds, double[] userSeconds) {
        return new BrowseDistribution(Percentiles.of(sessionSeconds), Percentiles.of(userSeconds));
    }
}
