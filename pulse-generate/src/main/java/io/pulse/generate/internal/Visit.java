package io.pulse.generate.internal;

/**
 * Who is visiting and how they behave, as far as one visit needs to know.
 *
 * @param categoryCdf  the visitor's own taste across {@link Catalog#CATEGORIES}, cumulative
 * @param priceLean    which of the items looked at get bought
 * @param stocksUp     sometimes buys one more than needed
 * @param landingItem  an item the visit starts on (a link followed from outside), or -1
 */
record Visit(int user, Segment.Browsing browsing, double[] categoryCdf, PriceLean priceLean, boolean stocksUp,
             int landingItem) {
}
