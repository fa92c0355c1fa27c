package io.pulse.core.anomaly;

/**
 * The three NAB application profiles ({@code config/profiles.json}): how much a detected window, a
 * missed window and a false-positive row weigh. The true-negative weight in that file is unused by
 * NAB's scorer and so is left out here.
 */
public enum NabProfile {
    STANDARD("standard", 1.0, 1.0, 0.11),
    REWARD_LOW_FP_RATE("reward_low_FP_rate", 1.0, 1.0, 0.22),
    REWARD_LOW_FN_RATE("reward_low_FN_rate", 1.0, 2.0, 0.11);

    private final String nabName;
    private final double tpWeight;
    private final double fnWeight;
    private final double fpWeight;

    NabProfile(String nabName, double tpWeight, double fnWeight, double fpWeight) {
        this.nabName = nabName;
        this.tpWeight = tpWeight;
        this.fnWeight = fnWeight;
        this.fpWeight = fpWeight;
    }

    /** The name NAB uses in its results tables, e.g. {@code reward_low_FP_rate}. */
    public String nabName() {
        return nabName;
    }

    public double tpWeight() {
        return tpWeight;
    }

    public double fnWeight() {
        return fnWeight;
    }

    public double fpWeight() {
        return fpWeight;
    }
}
