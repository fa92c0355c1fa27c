package io.pulse.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pulse.core.PulseInputException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key and list item of a YAML document, by dotted path ({@code rules.2.action.type}),
 * so a loader that reads the tree model (which forgets locations) can still say where a mistake is.
 */
public final class YamlLines {

    private YamlLines() {
    }

    /** A YAML document whose top is an object, with the line of every key and list item. */
    public record Document(JsonNode root, Map<String, Integer> lines) {
    }

    /**
     * Parses a YAML file that must be an object at the top.
     *
     * @param what the kind of file ("rule file", "tag file")
     * @param expected what the object holds, for the message when it is not one ("a 'rules' list")
     */
    public static Document object(String yaml, String source, String what, String expected) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        Map<String, Integer> lines = of(mapper, yaml, source, what);
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw notYaml(source, e);
        }
        if (root == null || !root.isObject()) {
            throw new PulseInputException(source, 1, null, "a " + what + " is a YAML object with " + expected);
        }
        return new Document(root, lines);
    }

    /**
     * @param what the kind of file, for the message when it cannot be read ("rule file", "tag file")
     */
    public static Map<String, Integer> of(ObjectMapper mapper, String yaml, String source, String what) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(yaml)) {
            if (p.nextToken() != null) {
                walk(p, "", lines);
            }
        } catch (JsonProcessingException e) {
            throw notYaml(source, e);
        } catch (IOException e) {
            throw new PulseInputException(source, "cannot read " + what + ": " + e.getMessage());
        }
        return lines;
    }

    /** A YAML syntax error, at its line. */
    public static PulseInputException notYaml(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return new PulseInputException(source, at == null ? 0 : at.getLineNr(), null,
                "not valid YAML: " + e.getOriginalMessage());
    }

    /** Records the line of every key and list item under the current token, leaving the parser on its end. */
    private static void walk(JsonParser p, String prefix, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String path = prefix + p.currentName();
                lines.put(path, p.getTokenLocation().getLineNr());
                p.nextToken();
                walk(p, path + ".", lines);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String path = prefix + i++;
                lines.put(path, p.getTokenLocation().getLineNr());
                walk(p, path + ".", lines);
            }
        }
    }
}
