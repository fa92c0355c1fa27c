package io.pulse.core.recommend;

import io.pulse.core.PulseInputException;

/**
 * How the item-to-item recommender weighs and bounds its inputs.
 *
 * @param view weight of a user's interest in an item they only viewed
 * @param cart weight of an item put in the cart (and not bought)
 * @param purchase weight of an item bought
 * @param damping the exponent a of the popularity damping c_ij / (n_i^a n_j^a): 0.5 is cosine on
 *        binary vectors, 0 is raw co-occurrence (popular items everywhere), 1 favours rare pairs
 * @param minCoOccurrence fewest users who must share a pair for it to count: one user's pair is
 *        chance, yet under the damping a single co-occurrence of two rare items scores as high as a
 *        strong pair of popular ones and crowds them out (measured on generated stores, docs/recommend.md)
 * @param maxItemsPerUser a user's strongest (then latest) distinct items counted; the pair count per
 *        user grows with its square, so a crawler or a power user cannot dominate cost or counts
 * @param neighboursPerItem most similar items kept per item, which bounds memory at items x neighbours
 */
public record RecommenderConfig(double view, double cart, double purchase, double damping, int minCoOccurrence,
        int maxItemsPerUser, int neighboursPerItem) {

    public RecommenderConfig {
        if (!(view >= 0 && cart >= 0 && purchase >= 0) || view + cart + purchase == 0) {
            throw new PulseInputException("weights", "need non-negative weights, not all zero; got view " + view
                    + ", cart " + cart + ", purchase " + purchase);
        }
        if (!(damping >= 0 && damping <= 1)) {
            throw new PulseInputException("damping", "need 0 <= a <= 1, got " + damping);
        }
        if (minCoOccurrence < 1) {
            throw new PulseInputException("min-co-occurrence", "need at least 1 user per pair, got " + minCoOccurrence);
        }
        if (maxItemsPerUser < 2 || neighboursPerItem < 1) {
            throw new PulseInputException("limits", "need at least 2 items per user and 1 neighbour per item, got "
                    + maxItemsPerUser + " and " + neighboursPerItem);
        }
    }

    /** View 1, cart 3, purchase 5; cosine damping; pairs of 2+ users; 100 items per user; 200 neighbours per item. */
    public static RecommenderConfig defaults() {
        return new RecommenderConfig(1, 3, 5, 0.5, 2, 100, 200);
    }

    public double weight(InteractionType type) {
        return switch (type) {
            case VIEW -> view;
            case CART -> cart;
            case PURCHASE -> purchase;
        };
    }
}
