package io.pulse.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * How a result was made, so that every number Pulse prints can be traced: which data (source and
 * date range), which definition or parameters, which seed, which version of Pulse, and when.
 */
public record Provenance(
        String data,
        LocalDate from,
        LocalDate to,
        Map<String, String> parameters,
        Long seed,
        String version,
        Instant computedAt) {

    public Provenance {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The version of Pulse on the class path, or "dev" when run from classes. */
    public static String pulseVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
