package io.pulse.store.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pulse.core.PulseInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads mapping files (YAML) by name from those shipped inside Pulse, or from a path. Every
 * mistake names the file, the line and the field, because a mapping is written by hand.
 */
public final class MappingLoader {

    /** Mappings shipped with Pulse, under {@code io/pulse/store/mappings/NAME.yaml}. */
    public static final List<String> SHIPPED = List.of("canonical", "cdnow", "cdnow-sample", "online-retail");

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "format", "delimiter", "header",
            "columns", "fields", "timezone");
    private static final Set<String> RULE_KEYS = Set.of("column", "value", "format", "times", "abs", "map", "when");
    private static final Set<String> WHEN_KEYS = Set.of("column", "equals", "starts_with", "then");
    private static final int MAX_BYTES = 1 << 20;

    private MappingLoader() {
    }

    /** A shipped mapping's name, or a path to a YAML file. */
    public static Mapping load(String nameOrFile, Set<String> canonicalFields) {
        if (SHIPPED.contains(nameOrFile)) {
            String resource = "/io/pulse/store/mappings/" + nameOrFile + ".yaml";
            try (InputStream in = MappingLoader.class.getResourceAsStream(resource)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "mapping " + nameOrFile,
                        canonicalFields);
            } catch (IOException e) {
                throw new IllegalStateException("shipped mapping " + nameOrFile + " is unreadable", e);
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new PulseInputException(nameOrFile, "no such mapping: neither a file nor one of " + SHIPPED);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PulseInputException(nameOrFile, "mapping file is larger than 1 MiB");
            }
            return parse(Files.readString(file), nameOrFile, canonicalFields);
        } catch (IOException e) {
            throw new PulseInputException(nameOrFile, "cannot read mapping: " + e.getMessage());
        }
    }

    static Mapping parse(String yaml, String source, Set<String> canonicalFields) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        Map<String, Integer> lines = lineIndex(mapper, yaml, source);
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PulseInputException(source, at == null ? 0 : at.getLineNr(), null,
                    "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PulseInputException(source, 1, null, "a mapping must be a YAML object with a 'fields' section");
        }
        Reader r = new Reader(source, lines);
        r.onlyKeys(root, "", TOP_KEYS);
        String name = r.text(root, "name", "");
        SourceFormat format = null;
        if (root.has("format")) {
            try {
                format = SourceFormat.parse(r.text(root, "format", ""), source);
            } catch (PulseInputException e) {
                throw r.error("format", e.getMessage());
            }
        }
        String delimiter = root.has("delimiter") ? r.text(root, "delimiter", "") : null;
        if (delimiter != null && delimiter.length() != 1 && !delimiter.equals("\\t")) {
            throw r.error("delimiter", "a delimiter is one character (or \\t), got '" + delimiter + "'");
        }
        boolean header = !root.has("header") || r.bool(root, "header", "");
        List<String> columns = new ArrayList<>();
        if (root.has("columns")) {
            JsonNode list = root.get("columns");
            if (!list.isArray()) {
                throw r.error("columns", "columns is a list of names");
            }
            list.forEach(n -> columns.add(n.asText()));
        }
        ZoneId zone = null;
        if (root.has("timezone")) {
            String z = r.text(root, "timezone", "");
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw r.error("timezone", "unknown time zone '" + z + "'");
            }
        }
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        JsonNode fieldsNode = root.get("fields");
        if (fieldsNode != null) {
            if (!fieldsNode.isObject()) {
                throw r.error("fields", "fields maps canonical field names to rules");
            }
            for (Map.Entry<String, JsonNode> e : fieldsNode.properties()) {
                String path = "fields." + e.getKey();
                if (!canonicalFields.contains(e.getKey())) {
                    throw r.error(path, "'" + e.getKey() + "' is not a canonical field (expected one of "
                            + String.join(", ", canonicalFields) + ")");
                }
                fields.put(e.getKey(), r.rule(e.getValue(), path));
            }
        }
        return new Mapping(name.isEmpty() ? source : name, format, delimiter, header, columns, fields, zone);
    }

    /** Path (dotted) → 1-based line, from a streaming pass, since the tree model forgets locations. */
    private static Map<String, Integer> lineIndex(ObjectMapper mapper, String yaml, String source) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(yaml)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> arrayIndex = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String parent = String.join(".", reversed(path));
                    String full = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
                    lines.put(full, p.currentLocation().getLineNr());
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    String name = p.getParsingContext().getParent() != null
                            && p.getParsingContext().getParent().inArray()
                            ? String.valueOf(p.getParsingContext().getParent().getCurrentIndex())
                            : p.currentName();
                    if (name != null) {
                        path.push(name);
                        arrayIndex.push(1);
                    } else {
                        arrayIndex.push(0);
                    }
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    if (!arrayIndex.isEmpty() && arrayIndex.pop() == 1 && !path.isEmpty()) {
                        path.pop();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PulseInputException(source, at == null ? 0 : at.getLineNr(), null,
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PulseInputException(source, "cannot read mapping: " + e.getMessage());
        }
        return lines;
    }

    private static List<String> reversed(Deque<String> path) {
        List<String> out = new ArrayList<>(path);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Reads typed values and turns mistakes into errors that carry the line of the field. */
    private record Reader(String source, Map<String, Integer> lines) {

        PulseInputException error(String path, String why) {
            return new PulseInputException(source, lines.getOrDefault(path, 0), path, why);
        }

        void onlyKeys(JsonNode node, String prefix, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error(prefix + key, "unknown key '" + key + "' (expected one of " + allowed + ")");
                }
            }
        }

        String text(JsonNode node, String key, String prefix) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return "";
            }
            if (!v.isValueNode()) {
                throw error(prefix + key, "'" + key + "' must be a single value");
            }
            return v.asText();
        }

        boolean bool(JsonNode node, String key, String prefix) {
            JsonNode v = node.get(key);
            if (v == null || !v.isBoolean()) {
                throw error(prefix + key, "'" + key + "' must be true or false");
            }
            return v.booleanValue();
        }

        FieldRule rule(JsonNode node, String path) {
            if (node.isTextual()) {
                return FieldRule.ofColumn(node.asText());
            }
            if (!node.isObject()) {
                throw error(path, "a field rule is a column name or an object with column or value");
            }
            String prefix = path + ".";
            onlyKeys(node, prefix, RULE_KEYS);
            String column = node.has("column") ? text(node, "column", prefix) : null;
            String value = node.has("value") ? text(node, "value", prefix) : null;
            if ((column == null) == (value == null)) {
                throw error(path, "give exactly one of 'column' or 'value'");
            }
            Map<String, String> map = new LinkedHashMap<>();
            if (node.has("map")) {
                JsonNode m = node.get("map");
                if (!m.isObject()) {
                    throw error(prefix + "map", "map translates source values: {source: canonical}");
                }
                m.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
            }
            List<FieldRule.Condition> when = new ArrayList<>();
            if (node.has("when")) {
                JsonNode w = node.get("when");
                List<JsonNode> items = new ArrayList<>();
                if (w.isArray()) {
                    w.forEach(items::add);
                } else {
                    items.add(w);
                }
                for (int i = 0; i < items.size(); i++) {
                    JsonNode c = items.get(i);
                    String cp = prefix + "when" + (w.isArray() ? "." + i : "") + ".";
                    if (!c.isObject()) {
                        throw error(prefix + "when", "a condition is {column, equals | starts_with, then}");
                    }
                    onlyKeys(c, cp, WHEN_KEYS);
                    String eq = c.has("equals") ? text(c, "equals", cp) : null;
                    String sw = c.has("starts_with") ? text(c, "starts_with", cp) : null;
                    if (!c.has("column") || !c.has("then") || (eq == null) == (sw == null)) {
                        throw error(prefix + "when", "a condition needs column, then, and one of equals or starts_with");
                    }
                    when.add(new FieldRule.Condition(text(c, "column", cp), eq, sw, text(c, "then", cp)));
                }
            }
            boolean abs = node.has("abs") && bool(node, "abs", prefix);
            return new FieldRule(column, value, node.has("format") ? text(node, "format", prefix) : null,
                    node.has("times") ? text(node, "times", prefix) : null, abs, map, when);
        }
    }
}
