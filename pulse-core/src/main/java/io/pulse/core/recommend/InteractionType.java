package io.pulse.core.recommend;

/** The event types that say something about a user's interest in an item, weakest first. */
public enum InteractionType {
    VIEW, CART, PURCHASE
}
