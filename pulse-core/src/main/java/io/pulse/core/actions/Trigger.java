package io.pulse.core.actions;

import java.util.Locale;

/** What makes a user qualify for a rule; each is one boolean fact per user, computed by the store. */
public enum Trigger {
    /** Silent for longer than their personal dormancy threshold. */
    DORMANCY,
    /** Predicted probability of activity below their segment's engagement cut. */
    LOW_ENGAGEMENT,
    /** Many more sessions than usual in the last week, and no purchase in it. */
    BROWSE_SURGE,
    /** A cart in the last days with no purchase after it. */
    CART_ABANDONMENT;

    /** The spelling in rule files and JSON. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
