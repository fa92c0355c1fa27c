package io.pulse.store.clv;

import io.pulse.core.PulseInputException;

import java.util.Locale;

/** The models {@link ClvRun} can fit: two purchase models and the Gamma-Gamma spend model. */
public enum ClvModel {
    /** BG/NBD, Fader, Hardie and Lee (2005a). */
    BGNBD,
    /** Pareto/NBD, Schmittlein, Morrison and Colombo (1987), in the form of Fader and Hardie's note 008. */
    PARETO,
    /** Gamma-Gamma spend, Fader and Hardie (2013), note 025. */
    GG;

    public static ClvModel parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "bgnbd", "bg/nbd" -> BGNBD;
            case "pareto", "pnbd", "pareto/nbd" -> PARETO;
            case "gg", "gamma-gamma" -> GG;
            default -> throw new PulseInputException("--model", 0, "model",
                    "unknown model '" + text + "': expected bgnbd, pareto or gg");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
