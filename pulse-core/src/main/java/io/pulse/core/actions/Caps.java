package io.pulse.core.actions;

/**
 * Limits over all rules of a file.
 *
 * @param cooldownDays at most one action per user per this many days (controls count too, so a
 *                     control group is not treated by another rule the next day); 0 for no cooldown
 * @param budget       at most this many actions sent per run; {@link #NO_BUDGET} for no limit
 */
public record Caps(int cooldownDays, int budget) {

    public static final int NO_BUDGET = Integer.MAX_VALUE;
    public static final Caps DEFAULTS = new Caps(14, NO_BUDGET);

    public Caps {
        if (cooldownDays < 0 || budget < 0) {
            throw new IllegalArgumentException("cooldown_days and budget cannot be negative");
        }
    }
}
