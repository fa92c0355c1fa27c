package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every itemset with at least {@code minCount} transactions (and at most {@code maxSize} items), and
 * how they were found.
 */
public final class FrequentItemsets {

    /** By size, then count descending, then items lexicographically: the same input always lists alike. */
    static final Comparator<FrequentItemset> ORDER = Comparator.comparingInt(FrequentItemset::size)
            .thenComparing(Comparator.comparingLong(FrequentItemset::count).reversed())
            .thenComparing(FrequentItemset::items, Arrays::compare);

    private final long transactions;
    private final long minCount;
    private final int maxSize;
    private final List<FrequentItemset> itemsets;
    private final Map<List<Integer>, Long> counts = new HashMap<>();

    FrequentItemsets(long transactions, long minCount, int maxSize, List<FrequentItemset> found) {
        this.transactions = transactions;
        this.minCount = minCount;
        this.maxSize = maxSize;
        List<FrequentItemset> sorted = new ArrayList<>(found);
        sorted.sort(ORDER);
        this.itemsets = List.copyOf(sorted);
        for (FrequentItemset itemset : itemsets) {
            counts.put(key(itemset.items()), itemset.count());
        }
    }

    /** Number of transactions mined, the denominator of every support. */
    public long transactions() {
        return transactions;
    }

    public long minCount() {
        return minCount;
    }

    /** The largest itemset size mined; {@code Integer.MAX_VALUE} when unbounded. */
    public int maxSize() {
        return maxSize;
    }

    /** By size, then count descending, then items. */
    public List<FrequentItemset> itemsets() {
        return itemsets;
    }

    /** Transactions holding all {@code items} (any order), or 0 when the set is not frequent. */
    public long count(int... items) {
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        return counts.getOrDefault(key(sorted), 0L);
    }

    public double support(int... items) {
        return (double) count(items) / transactions;
    }

    private static List<Integer> key(int[] sorted) {
        List<Integer> key = new ArrayList<>(sorted.length);
        for (int item : sorted) {
            key.add(item);
        }
        return key;
    }
}
