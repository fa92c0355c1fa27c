package io.pulse.core.tags;

import java.util.Arrays;

/**
 * A set of items (tag ids) found together in at least the minimum number of transactions.
 *
 * @param items ascending, distinct
 * @param count transactions that hold every item
 */
public record FrequentItemset(int[] items, long count) {

    public FrequentItemset {
        items = items.clone();
    }

    @Override
    public int[] items() {
        return items.clone();
    }

    public int size() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrequentItemset other && count == other.count && Arrays.equals(items, other.items);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return Arrays.toString(items) + " × " + count;
    }
}
