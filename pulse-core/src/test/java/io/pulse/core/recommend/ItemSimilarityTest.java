package io.pulse.core.recommend;

import org.junit.jupiter.api.Test;

import static io.pulse.core.recommend.RecommendFixture.A;
import static io.pulse.core.recommend.RecommendFixture.B;
import static io.pulse.core.recommend.RecommendFixture.C;
import static io.pulse.core.recommend.RecommendFixture.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemSimilarityTest {

    private static ItemSimilarity fit(RecommenderConfig config) {
        return ItemSimilarity.fit(UserItems.of(RecommendFixture.threeUsers(), config), config);
    }

    @Test
    void cosineDampingDividesTheCoOccurrenceByTheRootOfBothPopularities() {
        ItemSimilarity s = fit(RecommendFixture.damping(0.5));
        assertThat(s.of(A, B)).isCloseTo(1 / Math.sqrt(2 * 2), within(1e-12));
        assertThat(s.of(A, C)).isCloseTo(2 / Math.sqrt(2 * 2), within(1e-12));
        assertThat(s.of(B, C)).isCloseTo(0.5, within(1e-12));
        assertThat(s.of(B, D)).isCloseTo(1 / Math.sqrt(2 * 1), within(1e-12));
        assertThat(s.of(D, B)).isEqualTo(s.of(B, D));
        assertThat(s.of(A, D)).isZero();
        assertThat(s.of(C, D)).isZero();
    }

    @Test
    void withoutDampingTheSimilarityIsTheNumberOfUsersWhoHadBoth() {
        ItemSimilarity s = fit(RecommendFixture.damping(0));
        assertThat(s.of(A, C)).isEqualTo(2.0);
        assertThat(s.of(A, B)).isEqualTo(1.0);
        assertThat(s.of(B, D)).isEqualTo(1.0);
    }

    @Test
    void eachItemKeepsOnlyItsMostSimilarNeighboursBestFirst() {
        ItemSimilarity s = fit(RecommendFixture.limits(1, 100, 1));
        // b's neighbours by hand: d 0.707, a 0.5, c 0.5; only d survives.
        assertThat(s.neighbour()).hasSize(4);
        assertThat(s.of(B, D)).isCloseTo(1 / Math.sqrt(2), within(1e-12));
        assertThat(s.of(B, A)).isZero();
        assertThat(s.of(A, C)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aMinimumSupportOfTwoKeepsOnlyThePairTwoUsersShare() {
        // Only a and c are shared by two users (u0 and u1); the damping still uses n_a = n_c = 2.
        ItemSimilarity s = fit(RecommendFixture.limits(2, 100, 200));
        assertThat(s.neighbour()).containsExactly(C, A);
        assertThat(s.of(A, C)).isCloseTo(1.0, within(1e-12));
        assertThat(s.of(A, B)).isZero();
    }

    @Test
    void theCapKeepsAUsersStrongestThenLatestItems() {
        UserItems ui = UserItems.of(RecommendFixture.threeUsers(), RecommendFixture.limits(1, 2, 200));
        // u0 keeps c (bought, weight 5) and b (viewed at 2, after a at 1).
        assertThat(java.util.Arrays.copyOfRange(ui.item(), ui.offset()[0], ui.offset()[1])).containsExactly(B, C);
        assertThat(ui.hasBought(0, C)).isTrue();
        assertThat(ui.popularity()).containsExactly(2, 2, 6, 3);
    }
}
