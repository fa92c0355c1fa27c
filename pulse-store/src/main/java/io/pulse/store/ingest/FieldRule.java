package io.pulse.store.ingest;

import java.util.List;
import java.util.Map;

/**
 * How one canonical field is read from a source row. Exactly one of {@code column} and
 * {@code value} is set. The rest are optional conversions, applied in this order: value map,
 * conditional overrides ({@code when}), multiplication by another column ({@code times}),
 * absolute value ({@code abs}). {@code format} says how to read a timestamp or date.
 */
public record FieldRule(
        String column,
        String value,
        String format,
        String times,
        boolean abs,
        Map<String, String> map,
        List<Condition> when) {

    public FieldRule {
        map = map == null ? Map.of() : Map.copyOf(map);
        when = when == null ? List.of() : List.copyOf(when);
    }

    public static FieldRule ofColumn(String column) {
        return new FieldRule(column, null, null, null, false, null, null);
    }

    /** "If column {@code column} equals / starts with this text, the field is {@code then}." */
    public record Condition(String column, String equalsText, String startsWith, String then) {
    }
}
