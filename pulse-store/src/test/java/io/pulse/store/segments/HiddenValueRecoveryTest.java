package io.pulse.store.segments;

import io.pulse.store.GeneratedStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.progress.Progress;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test: on stores generated with different seeds and sizes, the planted
 * hidden_value group comes out as the top opportunity, and the members written for it match the
 * generator's truth.json with precision and recall of at least 0.8. Recall counts the planted
 * members known at the cutoff (every user in the feature table), since no analysis can see the rest.
 */
@Tag("slow")
class HiddenValueRecoveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}, {1} users, {2} days")
    @CsvSource({"7, 8000, 240", "2024, 15000, 365"})
    void plantedHiddenValueGroupIsTheTopOpportunity(long seed, int users, int days) throws IOException {
        Path data = dir.resolve("data");
        try (PulseStore store = GeneratedStore.open(dir, users, days, seed)) {
            LocalDate cutoff = FeatureTable.lastEventDay(store);
            SegmentRun.Result result = SegmentRun.run(store, SegmentRun.Options.defaults(cutoff, dir.resolve("members")),
                    Progress.NONE);

            Set<String> known = new HashSet<>(TestSql.strings(store, "SELECT user_id FROM features"));
            Set<String> planted = plantedHiddenValue(data.resolve("truth.json"));
            planted.retainAll(known);
            SegmentRun.RankedOpportunity top = result.opportunities().get(0);
            Set<String> found = new HashSet<>(Files.readAllLines(top.membersFile()).subList(1,
                    Files.readAllLines(top.membersFile()).size()));
            Set<String> hits = new HashSet<>(found);
            hits.retainAll(planted);
            double precision = (double) hits.size() / found.size();
            double recall = (double) hits.size() / planted.size();

            assertThat(planted).hasSizeGreaterThan(users / 40);
            assertThat(precision).as("precision of %s (%s)", top.opportunity().segmentId(), top.opportunity().name())
                    .isGreaterThanOrEqualTo(0.8);
            assertThat(recall).as("recall of %s (%s)", top.opportunity().segmentId(), top.opportunity().name())
                    .isGreaterThanOrEqualTo(0.8);
            assertThat(top.opportunity().signals()).contains("browse");
            assertThat(top.opportunity().action().id()).isNotEqualTo("targeted_offer");
        }
    }

    private static Set<String> plantedHiddenValue(Path truth) throws IOException {
        JsonNode segments = new ObjectMapper().readTree(truth.toFile()).get("user_segments");
        Set<String> out = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = segments.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asText().equals("hidden_value")) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
