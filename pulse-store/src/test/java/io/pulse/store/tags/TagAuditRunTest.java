package io.pulse.store.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.tags.TagAudit;
import io.pulse.core.tags.TagPair;
import io.pulse.store.GeneratedStore;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit on a generated store whose tag file plants duplicates and near-duplicates (truth.json says which). */
class TagAuditRunTest {

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static TagAuditRun.Result result;
    private static JsonNode planted;

    @BeforeAll
    static void audit() throws Exception {
        store = GeneratedStore.open(dir, 8000, 365, 5);
        List<TagDefinition> defs = TagDefinitions.load(dir.resolve("data/tags.yaml"));
        result = TagAuditRun.run(store, defs, TagAuditRun.Options.defaults());
        planted = new ObjectMapper().readTree(dir.resolve("data/truth.json").toFile()).get("tags").get("planted");
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void fiftyTagsOrMoreAreAudited() {
        assertThat(result.audit().names()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(planted.size()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyPlantedDuplicateIsFlaggedAsRedundantWithItsOriginal() {
        for (JsonNode p : planted) {
            Set<String> pair = Set.of(p.get("tag").asText(), p.get("duplicate_of").asText());
            assertThat(result.audit().redundant()).as("planted %s", pair)
                    .anySatisfy(r -> assertThat(Set.of(r.a(), r.b())).isEqualTo(pair));
            if (p.get("kind").asText().equals("exact")) {
                TagPair exact = result.audit().redundant().stream()
                        .filter(r -> Set.of(r.a(), r.b()).equals(pair)).findFirst().orElseThrow();
                assertThat(exact.jaccard()).as("exact duplicate %s", pair).isEqualTo(1.0);
            }
        }
    }

    @Test
    void thePrunedSetKeepsOneOfEachExactPairAndLosesAtMostHalfAPointOfAuc() {
        TagAudit.Result a = result.audit();
        assertThat(a.recommendedAuc()).isGreaterThanOrEqualTo(a.allTagsAuc() - 0.005);
        assertThat(a.recommended().size()).isLessThan(a.names().size());
        for (JsonNode p : planted) {
            if (p.get("kind").asText().equals("exact")) {
                String tag = p.get("tag").asText();
                String original = p.get("duplicate_of").asText();
                assertThat(a.recommended().contains(tag) && a.recommended().contains(original))
                        .as("both %s and %s kept", tag, original).isFalse();
            }
        }
    }

    @Test
    void theOutcomeIsAPurchaseInTheHorizonAfterTheTags() {
        long buyers = store.scalarLong("SELECT count(DISTINCT e.user_id) FROM events e JOIN features f USING (user_id)"
                + " WHERE e.type = 'purchase' AND e.ts >= DATE '" + result.tagsAt() + "' + INTERVAL 1 DAY"
                + " AND e.ts < DATE '" + result.tagsAt() + "' + INTERVAL 31 DAY");
        assertThat(result.buyers()).isEqualTo(buyers);
        assertThat(result.set().cutoff()).isEqualTo(result.tagsAt());
    }
}
