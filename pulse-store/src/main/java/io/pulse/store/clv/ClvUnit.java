package io.pulse.store.clv;

import io.pulse.core.PulseInputException;

import java.util.Locale;

/** The time unit the BTYD models are fitted in; a week is 7 days, as in BTYD and FHL05a. */
public enum ClvUnit {
    DAY(1),
    WEEK(7);

    private final int days;

    ClvUnit(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    /** Model units in an average month, taking a year as 52 weeks (the CDNOW convention). */
    public double unitsPerMonth() {
        return 52.0 * 7 / 12 / days;
    }

    public static ClvUnit parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "day", "days" -> DAY;
            case "week", "weeks" -> WEEK;
            default -> throw new PulseInputException("--unit", 0, "unit", "expected day or week, got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
