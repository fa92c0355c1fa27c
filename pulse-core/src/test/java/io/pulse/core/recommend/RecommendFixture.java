package io.pulse.core.recommend;

import static io.pulse.core.recommend.InteractionType.CART;
import static io.pulse.core.recommend.InteractionType.PURCHASE;
import static io.pulse.core.recommend.InteractionType.VIEW;

/**
 * Three users, four items (a = 0, b = 1, c = 2, d = 3):
 * u0 views a and b and buys c; u1 views a and c; u2 views b and carts d. By hand:
 * n = (2, 2, 2, 1); c_ab = 1, c_ac = 2, c_bc = 1, c_bd = 1, no other pair.
 */
final class RecommendFixture {

    static final int A = 0;
    static final int B = 1;
    static final int C = 2;
    static final int D = 3;

    private RecommendFixture() {
    }

    static Interactions threeUsers() {
        return new Interactions(3, 4,
                new int[] {0, 0, 0, 1, 1, 2, 2},
                new int[] {A, B, C, A, C, B, D},
                new InteractionType[] {VIEW, VIEW, PURCHASE, VIEW, VIEW, VIEW, CART},
                new long[] {1, 2, 3, 1, 2, 1, 2});
    }

    /** The defaults, but every pair counts: the fixture is too small for a minimum support. */
    static RecommenderConfig config() {
        return damping(0.5);
    }

    static RecommenderConfig damping(double a) {
        return new RecommenderConfig(1, 3, 5, a, 1, 100, 200);
    }

    static RecommenderConfig limits(int minCoOccurrence, int maxItemsPerUser, int neighboursPerItem) {
        return new RecommenderConfig(1, 3, 5, 0.5, minCoOccurrence, maxItemsPerUser, neighboursPerItem);
    }
}
