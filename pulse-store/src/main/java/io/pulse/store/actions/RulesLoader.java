package io.pulse.store.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulse.core.PulseInputException;
import io.pulse.store.YamlLines;
import io.pulse.core.actions.ActionSpec;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.Rule;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an operation rule file (YAML, see docs/actions.md). Every mistake names the file, the line and
 * the field, because rules are written by hand; once loaded, the rules are trusted.
 */
public final class RulesLoader {

    /** The rule file shipped with Pulse, used when none is given. */
    public static final String DEFAULT = "default-rules";

    private static final Set<String> TOP_KEYS = Set.of("caps", "rules");
    private static final Set<String> CAPS_KEYS = Set.of("cooldown_days", "budget");
    private static final Set<String> RULE_KEYS = Set.of("id", "segment", "trigger", "action", "holdout");
    private static final Map<String, Set<String>> ACTION_KEYS = Map.of(
            "coupon", Set.of("type", "value", "expiry_days"),
            "recommendation", Set.of("type", "top_n"),
            "exclusive_service", Set.of("type", "service"),
            "win_back", Set.of("type", "template"));
    /** A segment id of pulse segments (s3, v2, rfm_at_risk) or any. */
    private static final Pattern SEGMENT = Pattern.compile("any|s[0-9]+|v[0-9]+|rfm_[a-z0-9_]+");
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_BYTES = 1 << 20;

    private RulesLoader() {
    }

    /** A path to a YAML file, or null for the shipped default rules. */
    public static RuleSet load(Path file) {
        if (file == null) {
            try (InputStream in = RulesLoader.class.getResourceAsStream("/io/pulse/store/actions/" + DEFAULT + ".yaml")) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT);
            } catch (IOException e) {
                throw new IllegalStateException("shipped rules are unreadable", e);
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new PulseInputException(file.toString(), "no such rule file");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PulseInputException(file.toString(), "rule file is larger than 1 MiB");
            }
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot read rule file: " + e.getMessage());
        }
    }

    static RuleSet parse(String yaml, String source) {
        YamlLines.Document doc = YamlLines.object(yaml, source, "rule file", "a 'rules' list");
        Reader r = new Reader(source, doc.lines());
        JsonNode root = doc.root();
        r.onlyKeys(root, "", TOP_KEYS);
        Caps caps = Caps.DEFAULTS;
        if (root.has("caps")) {
            JsonNode c = r.object(root, "caps");
            r.onlyKeys(c, "caps.", CAPS_KEYS);
            int cooldown = c.has("cooldown_days") ? r.integer(c, "cooldown_days", "caps.", 0) : caps.cooldownDays();
            int budget = c.has("budget") ? r.integer(c, "budget", "caps.", 0) : Caps.NO_BUDGET;
            caps = new Caps(cooldown, budget);
        }
        JsonNode list = root.get("rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw r.error("rules", "'rules' is a non-empty list of rules");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "rules." + i;
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw r.error(path, "a rule is an object with id, segment, trigger, action");
            }
            Rule rule = r.rule(node, path + ".");
            if (!ids.add(rule.id())) {
                throw r.error(path + ".id", "rule id '" + rule.id() + "' is used twice");
            }
            rules.add(rule);
        }
        return new RuleSet(source, rules, caps);
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
                    throw error(prefix + key, "unknown key '" + key + "' (expected one of "
                            + allowed.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            }
        }

        JsonNode object(JsonNode node, String key) {
            JsonNode v = node.get(key);
            if (!v.isObject()) {
                throw error(key, "'" + key + "' must be an object");
            }
            return v;
        }

        String text(JsonNode node, String key, String prefix) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw error(prefix.isEmpty() ? key : prefix.substring(0, prefix.length() - 1),
                        "missing field '" + key + "'");
            }
            if (!v.isValueNode() || v.asText().isBlank()) {
                throw error(prefix + key, "'" + key + "' must be a single, non-empty value");
            }
            return v.asText().trim();
        }

        double number(JsonNode node, String key, String prefix) {
            String text = text(node, key, prefix);
            if (!node.get(key).isNumber()) {
                throw error(prefix + key, "'" + key + "' must be a number, got '" + text + "'");
            }
            return node.get(key).doubleValue();
        }

        int integer(JsonNode node, String key, String prefix, int min) {
            String text = text(node, key, prefix);
            JsonNode v = node.get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
                throw error(prefix + key, "'" + key + "' must be a whole number ≥ " + min + ", got '" + text + "'");
            }
            return v.intValue();
        }

        <E extends Enum<E>> E choice(JsonNode node, String key, String prefix, Class<E> type) {
            String text = text(node, key, prefix);
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(prefix + key, "'" + text + "' is not a " + key + " (expected one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")) + ")");
            }
        }

        Rule rule(JsonNode node, String prefix) {
            onlyKeys(node, prefix, RULE_KEYS);
            String id = text(node, "id", prefix);
            if (!RULE_ID.matcher(id).matches()) {
                throw error(prefix + "id", "a rule id is up to 64 letters, digits, '.', '_' or '-', got '" + id + "'");
            }
            String segment = text(node, "segment", prefix);
            if (!SEGMENT.matcher(segment).matches()) {
                throw error(prefix + "segment", "'" + segment + "' is not a segment id (any, s1, v2, rfm_at_risk...)");
            }
            Trigger trigger = choice(node, "trigger", prefix, Trigger.class);
            double holdout = Rule.DEFAULT_HOLDOUT;
            if (node.has("holdout")) {
                holdout = number(node, "holdout", prefix);
                if (!(holdout >= 0 && holdout < 1)) {
                    throw error(prefix + "holdout", "holdout is a share in [0, 1), got " + holdout);
                }
            }
            if (!node.has("action")) {
                throw error(prefix.substring(0, prefix.length() - 1), "missing field 'action'");
            }
            return new Rule(id, segment, trigger, action(node.get("action"), prefix + "action"), holdout);
        }

        ActionSpec action(JsonNode node, String path) {
            String prefix = path + ".";
            if (!node.isObject()) {
                throw error(path, "an action is an object with a type (" + String.join(", ", sortedKinds()) + ")");
            }
            String type = text(node, "type", prefix);
            Set<String> keys = ACTION_KEYS.get(type);
            if (keys == null) {
                throw error(prefix + "type", "'" + type + "' is not an action (expected one of "
                        + String.join(", ", sortedKinds()) + ")");
            }
            onlyKeys(node, prefix, keys);
            return switch (type) {
                case "coupon" -> {
                    double value = number(node, "value", prefix);
                    if (!(value > 0)) {
                        throw error(prefix + "value", "a coupon's value must be positive, got " + value);
                    }
                    yield new ActionSpec.Coupon(value, integer(node, "expiry_days", prefix, 1));
                }
                case "recommendation" -> new ActionSpec.Recommendation(integer(node, "top_n", prefix, 1));
                case "exclusive_service" -> new ActionSpec.ExclusiveService(text(node, "service", prefix));
                default -> new ActionSpec.WinBack(text(node, "template", prefix));
            };
        }

        private static List<String> sortedKinds() {
            return ACTION_KEYS.keySet().stream().sorted().toList();
        }
    }
}
