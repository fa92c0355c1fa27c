package io.pulse.core.recommend;

import org.junit.jupiter.api.Test;

import static io.pulse.core.recommend.RecommendFixture.A;
import static io.pulse.core.recommend.RecommendFixture.B;
import static io.pulse.core.recommend.RecommendFixture.C;
import static io.pulse.core.recommend.RecommendFixture.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecommendersTest {

    private final CoOccurrenceRecommender model =
            CoOccurrenceRecommender.fit(RecommendFixture.threeUsers(), RecommendFixture.config());

    @Test
    void aUsersScoreIsTheWeightedSumOfSimilaritiesToTheirItemsWithoutWhatTheyBought() {
        // u0 = {a: 1, b: 1, c: 5}: a = 1 * s_ba + 5 * s_ca = 0.5 + 5; b = 0.5 + 5 * 0.5; d = 1 * s_bd;
        // c would score 1 * 1 + 1 * 0.5 but was bought.
        Ranking r = model.recommend(0, 10);
        assertThat(r.items()).containsExactly(A, B, D);
        assertThat(r.scores()[0]).isCloseTo(5.5, within(1e-12));
        assertThat(r.scores()[1]).isCloseTo(3.0, within(1e-12));
        assertThat(r.scores()[2]).isCloseTo(1 / Math.sqrt(2), within(1e-12));
    }

    @Test
    void itemsOnlyViewedOrCartedStayCandidatesAndTiesGoToTheLowerIndex() {
        // u2 = {b: 1, d: 3}: b = 3 * s_db = 2.121; d = 1 * s_bd = 0.707; a = s_ba = 0.5; c = s_bc = 0.5.
        Ranking r = model.recommend(2, 10);
        assertThat(r.items()).containsExactly(B, D, A, C);
        assertThat(r.scores()).containsExactly(new double[] {3 / Math.sqrt(2), 1 / Math.sqrt(2), 0.5, 0.5},
                within(1e-12));
        assertThat(model.recommend(2, 3).items()).containsExactly(B, D, A);
    }

    @Test
    void recommendingForEveryoneGivesWhatEachUserGetsAlone() {
        Ranking[] all = model.recommendAll(10);
        for (int u = 0; u < 3; u++) {
            assertThat(all[u].items()).containsExactly(model.recommend(u, 10).items());
            assertThat(all[u].scores()).containsExactly(model.recommend(u, 10).scores());
        }
        // u1 = {a: 1, c: 1}: a = s_ca = 1, b = s_ab + s_cb = 1, c = s_ac = 1; nothing reaches d.
        assertThat(all[1].items()).containsExactly(A, B, C);
        assertThat(all[1].scores()).containsExactly(new double[] {1, 1, 1}, within(1e-12));
    }

    @Test
    void popularityRanksBySummedWeightsLessWhatTheUserBought() {
        // popularity: a = 1 + 1, b = 1 + 1, c = 5 + 1, d = 3.
        PopularityRecommender popular = new PopularityRecommender(model.history());
        assertThat(popular.recommend(1, 10).items()).containsExactly(C, D, A, B);
        assertThat(popular.recommend(0, 10).items()).containsExactly(D, A, B);
        assertThat(popular.recommend(0, 10).scores()).containsExactly(3, 2, 2);
    }
}
