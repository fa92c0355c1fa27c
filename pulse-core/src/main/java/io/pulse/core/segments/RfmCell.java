package io.pulse.core.segments;

/** The named RFM cells; see {@link RfmScores#cell(int, int)} for the rules that map scores to a cell. */
public enum RfmCell {
    CHAMPIONS("Champions"),
    LOYAL("Loyal"),
    POTENTIAL("Potential loyalists"),
    NEW("New customers"),
    AT_RISK("At risk"),
    CANT_LOSE("Can't lose them"),
    HIBERNATING("Hibernating"),
    LOST("Lost");

    private final String displayName;

    RfmCell(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
