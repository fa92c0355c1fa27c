package io.pulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pulse.core.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlantedTagsTest {

    private static final GeneratorConfig TINY = new GeneratorConfig(50, 30, 3, LocalDate.of(2025, 3, 1), 1, 1,
            Campaigns.disabled());
    /** A rule tag of Pulse's default tags: {@code - {name: high_value, rule: "monetary_total > p80", ...}}. */
    private static final Pattern DEFAULT_RULE = Pattern.compile("\\{name: (\\w+), rule: \"([^\"]+)\"");

    @TempDir
    static Path dir;
    static GenerationSummary summary;
    static JsonNode yaml;
    static JsonNode truth;

    @BeforeAll
    static void generateAndReadBack() throws IOException {
        summary = StoreGenerator.generate(TINY, dir, Progress.NONE);
        yaml = new YAMLMapper().readTree(summary.tagsFile().toFile());
        truth = new ObjectMapper().readTree(summary.truthFile().toFile());
    }

    @Test
    void tagsYamlIsWrittenBesideTheOtherFilesAndNoPartialIsLeft() throws IOException {
        assertThat(summary.tagsFile()).isEqualTo(dir.resolve("tags.yaml")).isRegularFile();
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("events.csv", "users.csv", "actions.csv", "truth.json", "tags.yaml");
        }
    }

    @Test
    void tagsYamlIncludesTheDefaultsAndGivesEveryTagAnOwnerARefreshAndADescription() {
        assertThat(yaml.get("include").asText()).isEqualTo("default");
        assertThat(yaml.get("tags")).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode tag : yaml.get("tags")) {
            assertThat(tag.get("owner").asText()).as(tag.toString()).isNotBlank();
            assertThat(tag.get("description").asText()).as(tag.toString()).isNotBlank();
            assertThat(tag.get("refresh").asText()).as(tag.toString())
                    .isIn("daily", "weekly", "monthly", "on-ingest");
        }
    }

    @Test
    void everyPlantedTagInTruthIsInTagsYamlWithTheSameRuleAndViceVersa() {
        Map<String, String> yamlRules = new LinkedHashMap<>();
        yaml.get("tags").forEach(t -> yamlRules.put(t.get("name").asText(), t.get("rule").asText()));
        Map<String, String> truthRules = new LinkedHashMap<>();
        JsonNode tags = truth.get("tags");
        assertThat(tags.get("file").asText()).isEqualTo("tags.yaml");
        tags.get("planted").forEach(t -> truthRules.put(t.get("tag").asText(), t.get("rule").asText()));

        assertThat(truthRules).isEqualTo(yamlRules);
    }

    @Test
    void everyPlantedTagDuplicatesADefaultRuleTagWithADifferentNameAndRule() throws IOException {
        Map<String, String> defaults = defaultRuleTags();
        for (JsonNode t : truth.get("tags").get("planted")) {
            String tag = t.get("tag").asText();
            String of = t.get("duplicate_of").asText();
            assertThat(defaults).as(tag).containsKey(of).doesNotContainKey(tag);
            assertThat(t.get("rule").asText()).as(tag).isNotEqualTo(defaults.get(of));
            assertThat(t.get("kind").asText()).as(tag).isIn("exact", "near");
            assertThat(t.get("how").asText()).as(tag).isNotBlank();
        }
    }

    @Test
    void bothExactAndNearDuplicatesArePlantedEachOfADifferentDefaultTag() {
        Map<String, Integer> byKind = new HashMap<>();
        Set<String> originals = new HashSet<>();
        for (JsonNode t : truth.get("tags").get("planted")) {
            byKind.merge(t.get("kind").asText(), 1, Integer::sum);
            assertThat(originals.add(t.get("duplicate_of").asText())).as(t.toString()).isTrue();
        }
        assertThat(byKind.get("exact")).isGreaterThanOrEqualTo(3);
        assertThat(byKind.get("near")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theSinkHearsThePlantedTagsInTheGroundTruth() {
        List<GroundTruth.PlantedTag> planted = new ArrayList<>();
        StoreGenerator.generate(TINY, new EventSink() {
            @Override
            public void user(SyntheticUser user) {
            }

            @Override
            public void event(SyntheticEvent event) {
            }

            @Override
            public void finish(GroundTruth t) {
                planted.addAll(t.plantedTags());
            }
        }, Progress.NONE);

        assertThat(planted).extracting(GroundTruth.PlantedTag::tag)
                .containsExactlyElementsOf(truth.get("tags").get("planted").findValuesAsText("tag"));
    }

    /** Name → rule of the rule tags in pulse-store's default-tags.yaml, read as text since that module is not a dependency. */
    private static Map<String, String> defaultRuleTags() throws IOException {
        Path file = Path.of("..", "pulse-store", "src", "main", "resources", "io", "pulse", "store", "tags",
                "default-tags.yaml");
        Map<String, String> rules = new HashMap<>();
        Matcher m = DEFAULT_RULE.matcher(Files.readString(file));
        while (m.find()) {
            rules.put(m.group(1), m.group(2));
        }
        assertThat(rules).as(file.toString()).hasSizeGreaterThan(20);
        return rules;
    }
}
