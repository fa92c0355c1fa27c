package io.pulse.store.ingest;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A column mapping: how a foreign layout becomes the canonical event schema without editing the
 * file. See docs/mappings.md for the YAML form. Fields not listed map to a source column of the
 * same name (case-insensitive) when there is one.
 *
 * @param name      shown in summaries and recorded with each ingest batch
 * @param format    the layout, or null to guess from the file name
 * @param delimiter CSV delimiter, or null to detect it
 * @param header    whether the first line names the columns
 * @param columns   names for the columns of a file without a header (by position)
 * @param fields    canonical field name → rule
 * @param zone      the zone of timestamps that carry no offset
 */
public record Mapping(
        String name,
        SourceFormat format,
        String delimiter,
        boolean header,
        List<String> columns,
        Map<String, FieldRule> fields,
        ZoneId zone) {

    public Mapping {
        columns = columns == null ? List.of() : List.copyOf(columns);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    /** The canonical layout: columns already carry the schema's names. */
    public static Mapping canonical() {
        return new Mapping("canonical", null, null, true, List.of(), Map.of(), null);
    }
}
