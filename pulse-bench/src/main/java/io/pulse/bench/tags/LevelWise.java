package io.pulse.bench.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * The peer of FP-Growth: Apriori's level-wise search (Agrawal and Srikant 1994) counted the way SPMF's
 * bitmap miners do, by intersecting the tags' bitmaps. Level k joins frequent (k−1)-itemsets that share
 * their first k−2 items, drops a candidate with an infrequent subset, and counts the rest with one
 * {@link RoaringBitmap#andCardinality}; the prefix's intersection is built once per (k−1)-itemset, so memory
 * stays at one bitmap per level.
 */
final class LevelWise {

    private LevelWise() {
    }

    /** Sorted item lists → count, for every itemset of at most {@code maxSize} items with at least {@code minCount}. */
    static Map<List<Integer>, Long> mine(List<RoaringBitmap> tags, long minCount, int maxSize) {
        Map<List<Integer>, Long> found = new HashMap<>();
        List<int[]> level = new ArrayList<>();
        for (int t = 0; t < tags.size(); t++) {
            long count = tags.get(t).getLongCardinality();
            if (count >= minCount) {
                level.add(new int[] {t});
                found.put(List.of(t), count);
            }
        }
        for (int k = 2; k <= maxSize && level.size() > 1; k++) {
            Set<List<Integer>> previous = new HashSet<>();
            level.forEach(items -> previous.add(key(items)));
            List<int[]> next = new ArrayList<>();
            for (int a = 0; a < level.size(); a++) {
                int[] x = level.get(a);
                RoaringBitmap prefix = null;
                for (int b = a + 1; b < level.size() && samePrefix(x, level.get(b)); b++) {
                    int[] candidate = Arrays.copyOf(x, k);
                    candidate[k - 1] = level.get(b)[k - 2];
                    if (!allSubsetsFrequent(candidate, previous)) {
                        continue;
                    }
                    if (prefix == null) {
                        prefix = intersection(tags, x);
                    }
                    long count = RoaringBitmap.andCardinality(prefix, tags.get(candidate[k - 1]));
                    if (count >= minCount) {
                        next.add(candidate);
                        found.put(key(candidate), count);
                    }
                }
            }
            level = next;
        }
        return found;
    }

    /** Same first k−2 items; the level is in lexicographic order, so a group is a run of neighbours. */
    private static boolean samePrefix(int[] x, int[] y) {
        return Arrays.equals(x, 0, x.length - 1, y, 0, y.length - 1);
    }

    private static boolean allSubsetsFrequent(int[] candidate, Set<List<Integer>> previous) {
        // Dropping either of the last two items gives the joined itemsets themselves.
        for (int drop = 0; drop < candidate.length - 2; drop++) {
            List<Integer> subset = new ArrayList<>(candidate.length - 1);
            for (int i = 0; i < candidate.length; i++) {
                if (i != drop) {
                    subset.add(candidate[i]);
                }
            }
            if (!previous.contains(subset)) {
                return false;
            }
        }
        return true;
    }

    private static RoaringBitmap intersection(List<RoaringBitmap> tags, int[] items) {
        RoaringBitmap all = tags.get(items[0]).clone();
        for (int i = 1; i < items.length; i++) {
            all.and(tags.get(items[i]));
        }
        return all;
    }

    static List<Integer> key(int[] sortedItems) {
        return Arrays.stream(sortedItems).boxed().toList();
    }
}
