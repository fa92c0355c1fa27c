package io.pulse.store.tags;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulse.core.PulseInputException;
import io.pulse.store.YamlLines;
import io.pulse.core.tags.FeatureCondition;
import io.pulse.core.tags.TagExpressionException;
import io.pulse.store.tags.TagDefinition.Attribute;
import io.pulse.store.tags.TagDefinition.Band;
import io.pulse.store.tags.TagDefinition.Kind;
import io.pulse.store.tags.TagDefinition.Model;
import io.pulse.store.tags.TagDefinition.Refresh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a tag file (YAML; the header of {@code default-tags.yaml} describes the format). Every mistake
 * names the file, the line and the field, because tag files are written by hand; once loaded, the
 * definitions are trusted. The loader follows {@code actions.RulesLoader}: Jackson's tree for the
 * values, one streaming pass for the line of every key.
 */
public final class TagDefinitions {

    /** The tag file shipped with Pulse, used when none is given and by {@code include: default}. */
    public static final String DEFAULT = "default-tags";

    /**
     * The numeric columns of the feature table a rule may read (docs/features.md). Fixed rather than
     * read from the store so a file can be checked before any features are built; a test keeps it in
     * step with {@code FeatureTable}.
     */
    public static final List<String> FEATURES = List.of("tenure_days", "recency_days", "days_since_last_visit",
            "purchases", "frequency", "monetary_total", "aov", "purchases_per_30d", "sessions", "sessions_per_30d",
            "browse_minutes_total", "browse_minutes_per_session", "views", "browse_to_buy", "category_breadth",
            "events_30d", "events_prev_90d", "activity_trend");

    private static final Set<String> TOP_KEYS = Set.of("include", "tags");
    private static final Set<String> TAG_KEYS = Set.of("name", "rule", "attribute", "model", "bands", "labels",
            "owner", "description", "refresh");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /** A label becomes the value of a {@code name:label} audience term, so it takes that term's characters. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_+-]+");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(\\.\\d+)?)");
    private static final int MAX_NAME = 64;
    private static final int MAX_BYTES = 1 << 20;
    /** A zero per known feature: enough for FeatureCondition to resolve a rule and name an unknown feature. */
    private static final double[] ONE_USER = {0.0};

    private TagDefinitions() {
    }

    /** A path to a YAML tag file, or null for the shipped default tags. */
    public static List<TagDefinition> load(Path file) {
        if (file == null) {
            return parse(defaultText(), DEFAULT);
        }
        if (!Files.isRegularFile(file)) {
            throw new PulseInputException(file.toString(), "no such tag file");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PulseInputException(file.toString(), "tag file is larger than 1 MiB");
            }
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot read tag file: " + e.getMessage());
        }
    }

    private static String defaultText() {
        try (InputStream in = TagDefinitions.class.getResourceAsStream("/io/pulse/store/tags/" + DEFAULT + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("shipped tags are unreadable", e);
        }
    }

    /** Parses the text of a tag file; {@code source} names it in errors. */
    public static List<TagDefinition> parse(String yaml, String source) {
        YamlLines.Document doc = YamlLines.object(yaml, source, "tag file", "a 'tags' list");
        Reader r = new Reader(source, doc.lines());
        JsonNode root = doc.root();
        r.onlyKeys(root, "", TOP_KEYS);
        Map<String, TagDefinition> byName = new LinkedHashMap<>();
        if (root.has("include")) {
            String include = r.text(root, "include", "");
            if (!include.equals("default")) {
                throw r.error("include", "the only file that can be included is 'default', got '" + include + "'");
            }
            if (source.equals(DEFAULT)) {
                throw r.error("include", "the default tags cannot include themselves");
            }
            for (TagDefinition d : parse(defaultText(), DEFAULT)) {
                byName.put(d.name(), d);
            }
        }
        JsonNode list = root.get("tags");
        if (list == null || !list.isArray() || (list.isEmpty() && byName.isEmpty())) {
            throw r.error("tags", "'tags' is a non-empty list of tag definitions");
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "tags." + i;
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw r.error(path, "a tag is an object with a name, one of rule, attribute or model, an owner,"
                        + " a description and a refresh");
            }
            TagDefinition d = r.definition(node, path);
            TagDefinition earlier = byName.putIfAbsent(d.name(), d);
            if (earlier != null) {
                throw r.error(path + ".name", "tag '" + d.name() + "' is already defined at " + earlier.source()
                        + ":" + earlier.line());
            }
        }
        return List.copyOf(byName.values());
    }

    /** Reads typed values and turns mistakes into errors that carry the line of the field. */
    private record Reader(String source, Map<String, Integer> lines) {

        PulseInputException error(String path, String why) {
            return new PulseInputException(source, line(path), path, why);
        }

        int line(String path) {
            return lines.getOrDefault(path, 0);
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

        <E extends Enum<E>> E choice(JsonNode node, String key, String prefix, Class<E> type) {
            String text = text(node, key, prefix);
            String constant = text.toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(constant)) {
                    return e;
                }
            }
            throw error(prefix + key, "'" + text + "' is not a " + key + " (expected one of "
                    + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', type == Refresh.class ? '-' : '_'))
                    .collect(Collectors.joining(", ")) + ")");
        }

        TagDefinition definition(JsonNode node, String path) {
            String prefix = path + ".";
            onlyKeys(node, prefix, TAG_KEYS);
            String name = text(node, "name", prefix);
            if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
                throw error(prefix + "name", "a tag name is up to " + MAX_NAME + " lower-case letters, digits and '_',"
                        + " starting with a letter, got '" + name + "'");
            }
            List<String> kinds = new ArrayList<>();
            for (String k : List.of("rule", "attribute", "model")) {
                if (node.has(k)) {
                    kinds.add(k);
                }
            }
            if (kinds.size() != 1) {
                throw error(kinds.size() > 1 ? prefix + kinds.get(1) : path, "a tag has exactly one of rule, attribute"
                        + " or model" + (kinds.isEmpty() ? "" : ", this one has " + String.join(" and ", kinds)));
            }
            String owner = text(node, "owner", prefix);
            String description = text(node, "description", prefix);
            Refresh refresh = choice(node, "refresh", prefix, Refresh.class);
            Kind kind = Kind.valueOf(kinds.get(0).toUpperCase(Locale.ROOT));
            FeatureCondition rule = kind == Kind.RULE ? rule(node, prefix) : null;
            Attribute attribute = kind == Kind.ATTRIBUTE ? choice(node, "attribute", prefix, Attribute.class) : null;
            Model model = kind == Kind.MODEL ? choice(node, "model", prefix, Model.class) : null;
            List<Band> bands = List.of();
            List<String> labels = List.of();
            if (model != null && model.banded()) {
                bands = bands(node, prefix);
                labels = labels(node, prefix, bands.size());
            } else {
                for (String k : List.of("bands", "labels")) {
                    if (node.has(k)) {
                        throw error(prefix + k, "'" + k + "' belong to a p_active or clv model tag only");
                    }
                }
            }
            return new TagDefinition(name, kind, rule, attribute, model, bands, labels, owner, description, refresh,
                    source, line(path));
        }

        FeatureCondition rule(JsonNode node, String prefix) {
            String text = text(node, "rule", prefix);
            try {
                FeatureCondition condition = FeatureCondition.parse(text);
                condition.cuts(f -> FEATURES.contains(f) ? ONE_USER : null, FEATURES);
                return condition;
            } catch (TagExpressionException e) {
                throw error(prefix + "rule", e.getMessage());
            }
        }

        List<Band> bands(JsonNode node, String prefix) {
            JsonNode list = node.get("bands");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw error(list == null ? prefix.substring(0, prefix.length() - 1) : prefix + "bands",
                        "a banded model tag needs 'bands': an ascending list of numbers or percentiles such as p50");
            }
            List<Band> bands = new ArrayList<>();
            for (JsonNode b : list) {
                Band band = band(b, prefix + "bands");
                if (!bands.isEmpty()) {
                    Band last = bands.get(bands.size() - 1);
                    if (last.percentile() != band.percentile()) {
                        throw error(prefix + "bands", "bands are all numbers or all percentiles, not a mix");
                    }
                    if (!(band.value() > last.value())) {
                        throw error(prefix + "bands", "bands must be strictly ascending, got " + band + " after " + last);
                    }
                }
                bands.add(band);
            }
            return bands;
        }

        Band band(JsonNode b, String path) {
            if (b.isNumber() && Double.isFinite(b.doubleValue())) {
                return new Band(b.doubleValue(), false);
            }
            Matcher m = PERCENTILE.matcher(b.asText().trim());
            if (b.isTextual() && m.matches() && Double.parseDouble(m.group(1)) <= 100) {
                return new Band(Double.parseDouble(m.group(1)), true);
            }
            throw error(path, "a band is a number or a percentile p0 to p100, got '" + b.asText() + "'");
        }

        List<String> labels(JsonNode node, String prefix, int bands) {
            JsonNode list = node.get("labels");
            if (list == null || !list.isArray() || list.size() != bands + 1) {
                throw error(list == null ? prefix.substring(0, prefix.length() - 1) : prefix + "labels",
                        "'labels' lists one more name than 'bands' (" + (bands + 1) + " for " + bands + " bands)"
                                + (list != null && list.isArray() ? ", got " + list.size() : ""));
            }
            List<String> labels = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode l : list) {
                String label = l.asText().trim();
                if (!l.isValueNode() || !LABEL.matcher(label).matches()) {
                    throw error(prefix + "labels", "a label is letters, digits, '_', '+' or '-', got '" + l.asText() + "'");
                }
                if (!seen.add(label)) {
                    throw error(prefix + "labels", "label '" + label + "' is used twice");
                }
                labels.add(label);
            }
            return labels;
        }
    }
}
