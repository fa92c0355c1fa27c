package io.pulse.generate.internal;

import java.util.SplittableRandom;

/**
 * The items on sale: a few thousand per category, each with a fixed list price drawn from its
 * category's log-normal, and a Zipf-like popularity (a few items get most of the views). Item
 * indices are shuffled within a category so that popularity cannot be read off the id.
 */
final class Catalog {

    static final String[] CATEGORIES = {
        "electronics", "books", "fashion", "home", "beauty", "toys",
        "sports", "grocery", "jewelry", "garden", "music", "health"};

    private static final int[] SIZES = {2500, 5000, 4000, 3500, 2500, 2000, 2500, 3000, 1500, 1500, 2000, 2000};
    private static final double[] MEDIAN_PRICE = {89, 14, 35, 42, 19, 24, 45, 7, 120, 32, 15, 17};
    private static final double[] PRICE_SIGMA = {0.9, 0.4, 0.6, 0.7, 0.5, 0.6, 0.7, 0.5, 0.9, 0.7, 0.5, 0.5};
    /** Categories whose goods people buy by the handful. */
    private static final boolean[] CONSUMABLE = {
        false, true, false, false, true, false, false, true, false, false, false, true};
    /** Slightly above 1, as measured for retail catalogues: a heavy head and a long tail. */
    private static final double ZIPF_EXPONENT = 1.05;

    private final int[] offset = new int[CATEGORIES.length];
    private final int[][] itemByRank = new int[CATEGORIES.length][];
    private final double[][] rankCdf = new double[CATEGORIES.length][];
    private final int[] categoryOfItem;
    private final long[] listPriceCents;

    Catalog(long seed) {
        int total = 0;
        for (int c = 0; c < CATEGORIES.length; c++) {
            offset[c] = total;
            total += SIZES[c];
        }
        categoryOfItem = new int[total];
        listPriceCents = new long[total];
        for (int c = 0; c < CATEGORIES.length; c++) {
            SplittableRandom rng = Draw.rng(seed, Draw.CATALOG, c);
            double[] weights = new double[SIZES[c]];
            int[] items = new int[SIZES[c]];
            for (int rank = 0; rank < SIZES[c]; rank++) {
                weights[rank] = Math.pow(rank + 1, -ZIPF_EXPONENT);
                items[rank] = offset[c] + rank;
            }
            shuffle(items, rng);
            itemByRank[c] = items;
            rankCdf[c] = Draw.cumulative(weights);
            for (int i = 0; i < SIZES[c]; i++) {
                int item = offset[c] + i;
                categoryOfItem[item] = c;
                double price = MEDIAN_PRICE[c] * Math.exp(PRICE_SIGMA[c] * rng.nextGaussian());
                // Shelf prices end in .99, as most shops price them.
                listPriceCents[item] = Math.max(99, Math.round(price) * 100 - 1);
            }
        }
    }

    private static void shuffle(int[] items, SplittableRandom rng) {
        for (int i = items.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }

    int categoryOf(int item) {
        return categoryOfItem[item];
    }

    long listPriceCents(int item) {
        return listPriceCents[item];
    }

    boolean consumable(int category) {
        return CONSUMABLE[category];
    }

    /** An item of the category, drawn by popularity. */
    int pick(SplittableRandom rng, int category) {
        return itemByRank[category][Draw.pick(rng, rankCdf[category])];
    }

    /** The item at a popularity rank (0 = most popular). */
    int itemAtRank(int category, int rank) {
        return itemByRank[category][rank];
    }

    /** The share of its category's views that an item at this rank gets. */
    double shareOfRank(int category, int rank) {
        double[] cdf = rankCdf[category];
        return rank == 0 ? cdf[0] : cdf[rank] - cdf[rank - 1];
    }

    static int categoryIndex(String name) {
        for (int c = 0; c < CATEGORIES.length; c++) {
            if (CATEGORIES[c].equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no category " + name);
    }
}
