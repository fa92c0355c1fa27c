package io.pulse.store.prediction;

import io.pulse.core.PulseInputException;

import java.util.Locale;

/** What "active in the horizon" means for the label: any event, or a purchase. */
public enum ActivityLabel {
    ANY_EVENT("any event"),
    PURCHASE("a purchase");

    private final String words;

    ActivityLabel(String words) {
        this.words = words;
    }

    /** The SQL condition on {@code events} that counts. */
    String condition() {
        return this == PURCHASE ? "type = 'purchase'" : "TRUE";
    }

    /** E.g. "any event in the 30 days after the cutoff". */
    public String describe(int horizonDays) {
        return words + " in the " + horizonDays + " days after the cutoff";
    }

    public static ActivityLabel parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "any", "any_event", "event", "events" -> ANY_EVENT;
            case "purchase", "purchases" -> PURCHASE;
            default -> throw new PulseInputException("--label", 0, "label", "expected any or purchase, got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
