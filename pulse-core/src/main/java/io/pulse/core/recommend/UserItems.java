package io.pulse.core.recommend;

import java.util.Arrays;

/**
 * Each user's distinct items with the weight of the strongest interaction (so ten views do not
 * outweigh a purchase), capped at {@link RecommenderConfig#maxItemsPerUser}, plus every item the user
 * bought and each item's popularity. Compressed rows: user u's items are
 * {@code item[offset[u]] .. item[offset[u + 1] - 1]}, in increasing item order.
 *
 * @param popularity per item, the summed weights of every user's interest in it (before the cap)
 */
public record UserItems(int users, int items, int[] offset, int[] item, double[] weight, int[] boughtOffset,
        int[] bought, double[] popularity) {

    public static UserItems of(Interactions in, RecommenderConfig config) {
        int[] rowsOf = byUser(in);
        int[] offset = new int[in.users() + 1];
        int[] boughtOffset = new int[in.users() + 1];
        IntList item = new IntList();
        DoubleList weight = new DoubleList();
        IntList bought = new IntList();
        double[] popularity = new double[in.items()];
        int[] start = userStarts(in);
        for (int u = 0; u < in.users(); u++) {
            Distinct d = distinct(in, rowsOf, start[u], start[u + 1], config);
            for (int k = 0; k < d.items.length; k++) {
                popularity[d.items[k]] += d.weights[k];
                if (d.bought[k]) {
                    bought.add(d.items[k]);
                }
            }
            int[] kept = capped(d, config.maxItemsPerUser());
            for (int k : kept) {
                item.add(d.items[k]);
                weight.add(d.weights[k]);
            }
            offset[u + 1] = item.size;
            boughtOffset[u + 1] = bought.size;
        }
        return new UserItems(in.users(), in.items(), offset, item.toArray(), weight.toArray(), boughtOffset,
                bought.toArray(), popularity);
    }

    public int count(int user) {
        return offset[user + 1] - offset[user];
    }

    /** Whether the user bought the item (binary search: a user's purchases are sorted). */
    public boolean hasBought(int user, int it) {
        return Arrays.binarySearch(bought, boughtOffset[user], boughtOffset[user + 1], it) >= 0;
    }

    /** A user's distinct items, in item order, with the strongest weight, latest time and whether bought. */
    private record Distinct(int[] items, double[] weights, long[] at, boolean[] bought) {
    }

    private static Distinct distinct(Interactions in, int[] rows, int from, int to, RecommenderConfig config) {
        long[] keys = new long[to - from];
        for (int k = from; k < to; k++) {
            keys[k - from] = ((long) in.item()[rows[k]] << 32) | rows[k];
        }
        Arrays.sort(keys);
        int n = 0;
        int[] items = new int[keys.length];
        double[] weights = new double[keys.length];
        long[] at = new long[keys.length];
        boolean[] bought = new boolean[keys.length];
        for (int k = 0; k < keys.length; k++) {
            int row = (int) keys[k];
            int it = in.item()[row];
            double w = config.weight(in.type()[row]);
            if (n == 0 || items[n - 1] != it) {
                items[n] = it;
                weights[n] = w;
                at[n] = in.at()[row];
                n++;
            } else {
                weights[n - 1] = Math.max(weights[n - 1], w);
                at[n - 1] = Math.max(at[n - 1], in.at()[row]);
            }
            bought[n - 1] |= in.type()[row] == InteractionType.PURCHASE;
        }
        return new Distinct(Arrays.copyOf(items, n), Arrays.copyOf(weights, n), Arrays.copyOf(at, n),
                Arrays.copyOf(bought, n));
    }

    /** Positions of the kept items in item order: all of them, or the strongest then latest {@code cap}. */
    private static int[] capped(Distinct d, int cap) {
        int n = d.items.length;
        if (n <= cap) {
            int[] all = new int[n];
            Arrays.setAll(all, k -> k);
            return all;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (a, b) -> d.weights[a] != d.weights[b] ? Double.compare(d.weights[b], d.weights[a])
                : d.at[a] != d.at[b] ? Long.compare(d.at[b], d.at[a]) : Integer.compare(a, b));
        int[] kept = new int[cap];
        for (int k = 0; k < cap; k++) {
            kept[k] = order[k];
        }
        Arrays.sort(kept);
        return kept;
    }

    /** Row numbers grouped by user (a counting sort), so user u's rows are {@code [start[u], start[u+1])}. */
    private static int[] byUser(Interactions in) {
        int[] next = userStarts(in).clone();
        int[] rows = new int[in.size()];
        for (int k = 0; k < in.size(); k++) {
            rows[next[in.user()[k]]++] = k;
        }
        return rows;
    }

    private static int[] userStarts(Interactions in) {
        int[] start = new int[in.users() + 1];
        for (int u : in.user()) {
            start[u + 1]++;
        }
        for (int u = 0; u < in.users(); u++) {
            start[u + 1] += start[u];
        }
        return start;
    }

    /** A growable int array; the rows run to millions, too many to box. */
    static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable double array. */
    static final class DoubleList {
        double[] values = new double[16];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
