package io.pulse.core.recommend;

import org.junit.jupiter.api.Test;

import static io.pulse.core.recommend.RecommendFixture.A;
import static io.pulse.core.recommend.RecommendFixture.B;
import static io.pulse.core.recommend.RecommendFixture.C;
import static io.pulse.core.recommend.RecommendFixture.D;
import static org.assertj.core.api.Assertions.assertThat;

class HoldoutEvaluationTest {

    private final UserItems history = UserItems.of(RecommendFixture.threeUsers(), RecommendFixture.config());

    @Test
    void targetsAreNewDistinctItemsOfUsersWithAHistory() {
        // A fourth user (3) has no history; u0 buys c again, which it had bought: not a target.
        UserItems four = UserItems.of(new Interactions(4, 5, RecommendFixture.threeUsers().user(),
                RecommendFixture.threeUsers().item(), RecommendFixture.threeUsers().type(),
                RecommendFixture.threeUsers().at()), RecommendFixture.config());
        int[][] t = HoldoutEvaluation.targets(four, new int[] {0, 0, 0, 0, 1, 3}, new int[] {D, C, D, 4, A, B});
        assertThat(t[0]).containsExactly(D, 4);
        assertThat(t[1]).containsExactly(A);
        assertThat(t[2]).isEmpty();
        assertThat(t[3]).isEmpty();
    }

    @Test
    void hitRateAndRecallAtKMatchAHandCount() {
        // u0 ranks a, b, d and wants d and an unknown item: a hit, recall 1/2. u1 ranks a, b, c and wants
        // a and d: a hit, recall 1/2. u2 wants nothing and is not counted. Hit rate 1; recall 1/2.
        Ranking[] ranked = new CoOccurrenceRecommender(history, ItemSimilarity.fit(history, RecommendFixture.config()))
                .recommendAll(10);
        int[][] targets = {{D, 99}, {A, D}, {}};
        HoldoutEvaluation.Quality q = HoldoutEvaluation.evaluate(ranked, targets, 10);
        assertThat(q.users()).isEqualTo(2);
        assertThat(q.hitRate()).isEqualTo(1.0);
        assertThat(q.recall()).isEqualTo(0.5);
        // At k = 1 u0's a misses, u1's a hits: hit rate 1/2, recall (0 + 1/2) / 2.
        HoldoutEvaluation.Quality one = HoldoutEvaluation.evaluate(ranked, targets, 1);
        assertThat(one.hitRate()).isEqualTo(0.5);
        assertThat(one.recall()).isEqualTo(0.25);
    }

    @Test
    void onlyTheFirstKItemsCount() {
        // At k = 2, u0's d (third) falls out: no hit left.
        Ranking[] ranked = {new Ranking(new int[] {A, B, D}, new double[] {3, 2, 1}), new Ranking(new int[] {B}, new double[] {1})};
        HoldoutEvaluation.Quality q = HoldoutEvaluation.evaluate(ranked, new int[][] {{D}, {A}}, 2);
        assertThat(q.hitRate()).isZero();
        assertThat(q.recall()).isZero();
        assertThat(HoldoutEvaluation.evaluate(ranked, new int[][] {{D}, {B, C}}, 3).recall()).isEqualTo(0.75);
    }
}
