package io.pulse.store.tags;

import io.pulse.core.PulseInputException;
import io.pulse.core.tags.TagExpressionException;
import io.pulse.store.GeneratedStore;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three stored versions on a generated store (2,000 users, 120 days): the default tags, the same with
 * high_value moved from p80 to p70, and the defaults 30 days earlier (fewer users, other indexes).
 */
class TagStoreTest {

    @TempDir
    static Path dir;
    static PulseStore store;
    static List<TagDefinition> defaults;
    static List<TagDefinition> changed;
    static TagSet first;
    static TagSet second;
    static TagSet earlier;
    static int v1;
    static int v2;
    static int v3;

    @BeforeAll
    static void storeThreeVersions() throws IOException {
        store = GeneratedStore.open(dir, 2000, 120, 23L);
        LocalDate cutoff = FeatureTable.lastEventDay(store);
        defaults = TagDefinitions.load(null);
        Path file = dir.resolve("changed.yaml");
        Files.writeString(file, new String(TagDefinitions.class.getResourceAsStream(
                "/io/pulse/store/tags/default-tags.yaml").readAllBytes()).replace("monetary_total > p80", "monetary_total > p70"));
        changed = TagDefinitions.load(file);
        first = TagRun.compute(store, defaults, cutoff);
        v1 = TagStore.store(store, first, defaults);
        second = TagRun.compute(store, changed, cutoff);
        v2 = TagStore.store(store, second, changed);
        earlier = TagRun.compute(store, defaults, cutoff.minusDays(30));
        v3 = TagStore.store(store, earlier, defaults);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Set<String> ids(TagSet set, String tag) {
        Set<String> out = new HashSet<>();
        RoaringBitmap users = set.tags().get(tag);
        if (users != null) {
            users.forEach((int i) -> out.add(set.userIds()[i]));
        }
        return out;
    }

    @Test
    void versionsAreNumberedFromOne() {
        assertThat(List.of(v1, v2, v3)).containsExactly(1, 2, 3);
        assertThat(TagStore.versions(store)).extracting(TagStore.Version::version).containsExactly(1, 2, 3);
        assertThat(TagStore.versions(store).get(0).definitionsSha256())
                .isNotEqualTo(TagStore.versions(store).get(1).definitionsSha256())
                .isEqualTo(TagStore.versions(store).get(2).definitionsSha256());
        assertThat(TagStore.latest(store)).get().extracting(TagSet::version).isEqualTo(3);
    }

    @Test
    void aStoredVersionLoadsBackEqual() {
        TagSet loaded = TagStore.load(store, v1);
        assertThat(loaded.version()).isEqualTo(v1);
        assertThat(loaded.cutoff()).isEqualTo(first.cutoff());
        assertThat(loaded.userIds()).containsExactly(first.userIds());
        assertThat(loaded.tags()).isEqualTo(first.tags());
        assertThat(List.copyOf(loaded.tags().keySet())).isEqualTo(List.copyOf(first.tags().keySet()));
        assertThat(loaded.definitionOf()).isEqualTo(first.definitionOf());
        assertThat(loaded.skipped()).isEqualTo(first.skipped());
        assertThat(TagStore.load(store, v3).userIds()).containsExactly(earlier.userIds());
    }

    @Test
    void anUnchangedUserListIsWrittenOnce() {
        assertThat(store.scalarLong("SELECT count(*) FROM tag_users WHERE version = 2")).isZero();
        assertThat(store.scalarLong("SELECT count(*) FROM tag_users"))
                .isEqualTo(first.users() + earlier.users());
    }

    @Test
    void theDefinitionsOfEachVersionAreKept() {
        assertThat(store.scalarLong("SELECT count(*) FROM tag_definitions WHERE version = 2 AND name = 'high_value'"
                + " AND expression = 'monetary_total > p70' AND owner = 'crm' AND refresh = 'daily'")).isEqualTo(1);
        assertThat(store.scalarLong("SELECT count(*) FROM tag_bitmaps WHERE version = 1")).isEqualTo(first.tags().size());
    }

    @Test
    void aMissingVersionIsAnInputError() {
        assertThatThrownBy(() -> TagStore.load(store, 9)).isInstanceOf(PulseInputException.class)
                .hasMessageContaining("no tag version 9").hasMessageContaining("1, 2, 3");
    }

    @Test
    void diffCountsEqualTheSetComputationOnUserIds() {
        checkDiff(v1, v2, first, second);
        checkDiff(v3, v1, earlier, first);
    }

    private static void checkDiff(int from, int to, TagSet a, TagSet b) {
        TagStore.Diff diff = TagStore.diff(store, from, to, null);
        assertThat(diff.users()).isNull();
        assertThat(diff.tags()).hasSize(b.tags().size());
        for (TagStore.TagChange change : diff.tags()) {
            Set<String> before = ids(a, change.tag());
            Set<String> after = ids(b, change.tag());
            Set<String> kept = new HashSet<>(before);
            kept.retainAll(after);
            Set<String> gained = new HashSet<>(after);
            gained.removeAll(before);
            Set<String> lost = new HashSet<>(before);
            lost.removeAll(after);
            assertThat(List.of(change.kept(), change.gained(), change.lost())).as(change.tag())
                    .containsExactly((long) kept.size(), (long) gained.size(), (long) lost.size());
        }
    }

    @Test
    void aChangedDefinitionGainsTheUsersBetweenTheOldAndNewCut() {
        TagStore.Diff diff = TagStore.diff(store, v1, v2, "high_value");
        Set<String> gained = ids(second, "high_value");
        gained.removeAll(ids(first, "high_value"));
        assertThat(diff.users().gained()).isEqualTo(gained.size()).isPositive();
        assertThat(diff.users().lost()).isZero();
        assertThat(diff.users().gainedUsers()).hasSize(Math.min(gained.size(), TagStore.LISTED_USERS));
        assertThat(gained).containsAll(diff.users().gainedUsers());
        assertThat(diff.tags()).filteredOn(c -> !c.tag().equals("high_value"))
                .allMatch(c -> c.gained() == 0 && c.lost() == 0);
    }

    @Test
    void aDiffAcrossCutoffsListsUsersMissingFromTheNewerVersion() {
        TagStore.Diff diff = TagStore.diff(store, v1, v3, "visited_this_week");
        Set<String> lost = ids(first, "visited_this_week");
        lost.removeAll(ids(earlier, "visited_this_week"));
        assertThat(diff.users().lost()).isEqualTo(lost.size());
        assertThat(lost).containsAll(diff.users().lostUsers());
        assertThatThrownBy(() -> TagStore.diff(store, v1, v2, "no_such_tag")).isInstanceOf(PulseInputException.class);
    }

    @Test
    void anAudienceCountsTheUsersForWhomItsExpressionHolds() {
        String expression = "high_value and not region:east or (repeat_buyer and silent_30d)";
        AudienceQuery.Result result = AudienceQuery.run(first, expression);
        int expected = 0;
        for (int u = 0; u < first.users(); u++) {
            boolean high = first.tags().get("high_value").contains(u);
            boolean east = first.tags().get("region:east").contains(u);
            boolean repeat = first.tags().get("repeat_buyer").contains(u);
            boolean silent = first.tags().get("silent_30d").contains(u);
            if (high && !east || repeat && silent) {
                expected++;
            }
        }
        assertThat(result.count()).isEqualTo(expected).isPositive();
        assertThat(result.users().getCardinality()).isEqualTo(expected);
        assertThat(result.nanos()).isPositive();
        assertThatThrownBy(() -> AudienceQuery.run(first, "high_valu and region:east"))
                .isInstanceOf(TagExpressionException.class).hasMessageContaining("did you mean high_value");
    }

    @Test
    void anExportedAudienceHasOneUserIdPerLine() throws IOException {
        AudienceQuery.Result result = AudienceQuery.run(first, "top_spender");
        Path csv = dir.resolve("top.csv");
        assertThat(AudienceQuery.exportUsers(first, result.users(), csv)).isEqualTo(result.count());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("user_id");
        assertThat(new HashSet<>(lines.subList(1, lines.size()))).isEqualTo(ids(first, "top_spender"));
    }

    @Test
    void savedAudiencesAreCheckedAndListedByName() {
        TagStore.saveAudience(store, "vip_east", "top_spender and region:east");
        TagStore.saveAudience(store, "lapsed", "lapsed_buyer");
        TagStore.saveAudience(store, "lapsed", "lapsed_buyer and not silent_90d");
        assertThat(TagStore.audiences(store)).extracting(TagStore.Audience::name, TagStore.Audience::expression)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lapsed", "lapsed_buyer and not silent_90d"),
                        org.assertj.core.groups.Tuple.tuple("vip_east", "top_spender and region:east"));
        assertThatThrownBy(() -> TagStore.saveAudience(store, "broken", "top_spender and"))
                .isInstanceOf(TagExpressionException.class);
        assertThatThrownBy(() -> TagStore.saveAudience(store, "Bad Name", "top_spender"))
                .isInstanceOf(PulseInputException.class);
    }
}
