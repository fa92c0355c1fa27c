package io.pulse.store.tags;

import io.pulse.core.PulseInputException;
import io.pulse.store.tags.TagDefinition.Band;
import io.pulse.store.tags.TagDefinition.Kind;
import io.pulse.store.tags.TagDefinition.Model;
import io.pulse.store.tags.TagDefinition.Refresh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagDefinitionsTest {

    private static final String GOOD = "{name: big, rule: \"aov > p75\", owner: crm, refresh: daily, description: d}";

    @TempDir
    Path dir;

    private static PulseInputException error(String yaml) {
        try {
            TagDefinitions.parse(yaml, "tags.yaml");
        } catch (PulseInputException e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void theDefaultFileLoadsAllItsDefinitionsInOrder() {
        List<TagDefinition> defs = TagDefinitions.load(null);
        assertThat(defs).hasSize(35);
        assertThat(defs.get(0).name()).isEqualTo("high_value");
        assertThat(defs.get(0).kind()).isEqualTo(Kind.RULE);
        assertThat(defs.get(0).rule().referencedFeatures()).containsExactly("monetary_total");
        assertThat(defs.get(0).line()).isEqualTo(13);
        assertThat(defs.get(0).source()).isEqualTo(TagDefinitions.DEFAULT);
        TagDefinition clv = defs.stream().filter(d -> d.name().equals("clv")).findFirst().orElseThrow();
        assertThat(clv.model()).isEqualTo(Model.CLV);
        assertThat(clv.bands()).containsExactly(new Band(50, true), new Band(90, true));
        assertThat(clv.labels()).containsExactly("low", "mid", "high");
        assertThat(clv.expression()).isEqualTo("model clv bands [p50, p90] labels [low, mid, high]");
        assertThat(defs.stream().filter(d -> d.name().equals("region")).findFirst().orElseThrow().refresh())
                .isEqualTo(Refresh.ON_INGEST);
    }

    @Test
    void includeDefaultAddsTheFilesTagsAfterTheDefaultOnes() throws IOException {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "include: default\ntags:\n  - " + GOOD + "\n");
        List<TagDefinition> defs = TagDefinitions.load(file);
        assertThat(defs).hasSize(36);
        assertThat(defs.get(35).name()).isEqualTo("big");
        assertThat(defs.get(35).source()).isEqualTo(file.toString());
        assertThat(defs.get(35).line()).isEqualTo(3);
    }

    @Test
    void aNameAlsoInTheIncludedDefaultIsAnError() {
        PulseInputException e = error("include: default\ntags:\n  - {name: high_value, rule: \"aov > 3\","
                + " owner: crm, refresh: daily, description: d}\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).contains("tags.0.name");
        assertThat(e.getMessage()).contains("'high_value' is already defined at default-tags:13");
    }

    @Test
    void aNameDefinedTwiceInOneFileIsAnError() {
        PulseInputException e = error("tags:\n  - " + GOOD + "\n  - " + GOOD + "\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("already defined at tags.yaml:2");
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        PulseInputException e = error("tags:\n  - name: big\n    rule: \"aov > 1\"\n    owner: crm\n"
                + "    colour: red\n    refresh: daily\n    description: d\n");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.field()).contains("tags.0.colour");
        assertThat(e.getMessage()).contains("unknown key 'colour'");
    }

    @Test
    void aTagNeedsExactlyOneOfRuleAttributeOrModel() {
        PulseInputException two = error("tags:\n  - name: big\n    rule: \"aov > 1\"\n    attribute: region\n"
                + "    owner: crm\n    refresh: daily\n    description: d\n");
        assertThat(two.line()).isEqualTo(4);
        assertThat(two.getMessage()).contains("exactly one of rule, attribute or model").contains("rule and attribute");
        PulseInputException none = error("tags:\n  - {name: big, owner: crm, refresh: daily, description: d}\n");
        assertThat(none.line()).isEqualTo(2);
    }

    @Test
    void aNameMustBeLowerCaseLettersDigitsAndUnderscores() {
        PulseInputException e = error("tags:\n  - " + GOOD.replace("name: big", "name: Big-One") + "\n");
        assertThat(e.field()).contains("tags.0.name");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void aRuleSyntaxErrorShowsTheCaretPrefixedByFileAndLine() {
        PulseInputException e = error("tags:\n  - " + GOOD + "\n  - {name: odd, rule: \"aov > \", owner: crm,"
                + " refresh: daily, description: d}\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).contains("tags.1.rule");
        assertThat(e.getMessage()).contains("at column 6\n  aov >\n       ^");
        assertThat(e.describe()).startsWith("tags.yaml:3: field 'tags.1.rule': ");
    }

    @Test
    void anUnknownFeatureIsAnErrorOfferingTheClosestNames() {
        PulseInputException e = error("tags:\n  - {name: rich, rule: \"monetary_totl > p80\", owner: crm,"
                + " refresh: daily, description: d}\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("unknown feature 'monetary_totl'").contains("did you mean monetary_total");
    }

    @Test
    void bandsMustAscendAndLabelsNumberOneMore() {
        String model = "tags:\n  - {name: p, model: p_active, owner: a, refresh: daily, description: d,\n"
                + "     bands: %s, labels: %s}\n";
        assertThat(error(model.formatted("[0.7, 0.3]", "[low, mid, high]")).getMessage()).contains("ascending");
        PulseInputException labels = error(model.formatted("[0.3, 0.7]", "[low, high]"));
        assertThat(labels.getMessage()).contains("one more name than 'bands'");
        assertThat(labels.line()).isEqualTo(3);
        assertThat(error(model.formatted("[0.3, p70]", "[a, b, c]")).getMessage()).contains("not a mix");
        assertThat(error(model.formatted("[p101]", "[a, b]")).getMessage()).contains("p0 to p100");
        assertThat(error("tags:\n  - {name: s, model: segment, bands: [1], labels: [a, b], owner: a,"
                + " refresh: daily, description: d}\n").getMessage()).contains("p_active or clv");
    }

    @Test
    void unknownRefreshAttributeOrModelListsTheChoices() {
        assertThat(error("tags:\n  - " + GOOD.replace("daily", "hourly") + "\n").getMessage())
                .contains("daily, weekly, monthly, on-ingest");
        assertThat(error("tags:\n  - {name: c, attribute: city, owner: a, refresh: daily, description: d}\n")
                .getMessage()).contains("age_band, gender, region, channel");
        assertThat(error("tags:\n  - {name: c, model: churn, owner: a, refresh: daily, description: d}\n")
                .getMessage()).contains("segment, p_active, clv, dormancy");
    }

    @Test
    void missingOwnerAndBrokenYamlAreReported() {
        PulseInputException owner = error("tags:\n  - {name: big, rule: \"aov > 1\", refresh: daily, description: d}\n");
        assertThat(owner.getMessage()).contains("missing field 'owner'");
        assertThat(owner.line()).isEqualTo(2);
        assertThat(error("tags: [\n  {name: big\n").getMessage()).contains("not valid YAML");
        assertThat(error("include: mine\ntags: []\n").field()).contains("include");
    }

    @Test
    void aFileOverOneMebibyteIsRefused() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "#".repeat((1 << 20) + 1));
        assertThatThrownBy(() -> TagDefinitions.load(file)).isInstanceOf(PulseInputException.class)
                .hasMessageContaining("larger than 1 MiB");
    }
}
