package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Frequent itemsets by FP-Growth (Han, Pei and Yin 2000, "Mining frequent patterns without candidate
 * generation"): one pass counts the items, a second compresses the transactions into a prefix tree
 * (items in descending order of count, so common prefixes share nodes), and the tree is mined item by
 * item from the least frequent, recursing into the conditional tree built from each item's prefix
 * paths (its conditional pattern base). No candidate itemset is ever counted against the data.
 *
 * <p>Items keep one global order throughout the recursion (count descending, then id ascending); any
 * fixed order is correct, and one order keeps the output deterministic.
 */
public final class FpGrowth {

    private FpGrowth() {
    }

    /** Every frequent itemset, of any size, with at least {@code minSupport} of the transactions. */
    public static FrequentItemsets mine(int[][] transactions, double minSupport) {
        return mine(transactions, minSupport, Integer.MAX_VALUE);
    }

    /**
     * @param transactions item ids per transaction (duplicates within one are ignored)
     * @param minSupport the least share of transactions, in (0, 1]; the count is ceil(minSupport n)
     * @param maxSize the largest itemset wanted, at least 1
     */
    public static FrequentItemsets mine(int[][] transactions, double minSupport, int maxSize) {
        if (!(minSupport > 0 && minSupport <= 1)) {
            throw new IllegalArgumentException("minSupport must be in (0, 1], got " + minSupport);
        }
        long minCount = Math.max(1, (long) Math.ceil(minSupport * transactions.length - 1e-9));
        return mine(transactions, minCount, maxSize);
    }

    /** @param minCount the least number of transactions, at least 1 */
    public static FrequentItemsets mine(int[][] transactions, long minCount, int maxSize) {
        if (minCount < 1 || maxSize < 1) {
            throw new IllegalArgumentException("minCount and maxSize must be at least 1, got " + minCount
                    + " and " + maxSize);
        }
        int[][] distinct = new int[transactions.length][];
        int maxItem = -1;
        for (int t = 0; t < transactions.length; t++) {
            distinct[t] = Arrays.stream(transactions[t]).distinct().toArray();
            for (int item : distinct[t]) {
                if (item < 0) {
                    throw new IllegalArgumentException("item ids are non-negative, got " + item);
                }
                maxItem = Math.max(maxItem, item);
            }
        }
        long[] itemCounts = new long[maxItem + 1];
        for (int[] transaction : distinct) {
            for (int item : transaction) {
                itemCounts[item]++;
            }
        }
        int[] byRank = rankedItems(itemCounts, minCount);
        int[] rankOf = new int[maxItem + 1];
        Arrays.fill(rankOf, -1);
        for (int r = 0; r < byRank.length; r++) {
            rankOf[byRank[r]] = r;
        }
        Tree tree = new Tree(byRank.length);
        int[] path = new int[byRank.length];
        for (int[] transaction : distinct) {
            int length = 0;
            for (int item : transaction) {
                if (rankOf[item] >= 0) {
                    path[length++] = rankOf[item];
                }
            }
            Arrays.sort(path, 0, length);
            tree.insert(path, length, 1);
        }
        List<FrequentItemset> found = new ArrayList<>();
        new Miner(byRank, minCount, maxSize, found).mine(tree, new int[0]);
        return new FrequentItemsets(transactions.length, minCount, maxSize, found);
    }

    /** Items with at least minCount, by count descending then id ascending. */
    private static int[] rankedItems(long[] counts, long minCount) {
        return IntStream.range(0, counts.length)
                .filter(i -> counts[i] >= minCount)
                .boxed()
                .sorted((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private record Miner(int[] byRank, long minCount, int maxSize, List<FrequentItemset> found) {

        /** Emits suffix ∪ {item} for every item of the tree, and recurses into its conditional tree. */
        void mine(Tree tree, int[] suffix) {
            for (int rank = tree.ranks - 1; rank >= 0; rank--) {
                long support = 0;
                for (int node = tree.head[rank]; node >= 0; node = tree.next[node]) {
                    support += tree.count[node];
                }
                if (support < minCount) {
                    continue;
                }
                int[] itemset = Arrays.copyOf(suffix, suffix.length + 1);
                itemset[suffix.length] = byRank[rank];
                int[] items = itemset.clone();
                Arrays.sort(items);
                found.add(new FrequentItemset(items, support));
                if (itemset.length + 1 == maxSize) {
                    emitExtensions(prefixCounts(tree, rank), itemset);
                } else if (itemset.length < maxSize) {
                    Tree conditional = conditional(tree, rank);
                    if (conditional.size > 1) {
                        mine(conditional, itemset);
                    }
                }
            }
        }

        /**
         * At the last size wanted, itemset ∪ {item} has the count of the item in the conditional pattern
         * base, so the counts suffice and no conditional tree is built: that level holds most itemsets.
         */
        private void emitExtensions(long[] counts, int[] itemset) {
            for (int rank = 0; rank < counts.length; rank++) {
                if (counts[rank] >= minCount) {
                    int[] items = Arrays.copyOf(itemset, itemset.length + 1);
                    items[itemset.length] = byRank[rank];
                    Arrays.sort(items);
                    found.add(new FrequentItemset(items, counts[rank]));
                }
            }
        }

        /** How often each item above {@code rank} occurs in the prefix paths of {@code rank}'s nodes. */
        private static long[] prefixCounts(Tree tree, int rank) {
            long[] counts = new long[rank];
            for (int node = tree.head[rank]; node >= 0; node = tree.next[node]) {
                for (int up = tree.parent[node]; up > 0; up = tree.parent[up]) {
                    counts[tree.item[up]] += tree.count[node];
                }
            }
            return counts;
        }

        /** The tree of the prefix paths above every node of {@code rank}, infrequent items dropped. */
        private Tree conditional(Tree tree, int rank) {
            long[] counts = prefixCounts(tree, rank);
            Tree conditional = new Tree(rank);
            int[] path = new int[rank];
            for (int node = tree.head[rank]; node >= 0; node = tree.next[node]) {
                int length = 0;
                for (int up = tree.parent[node]; up > 0; up = tree.parent[up]) {
                    if (counts[tree.item[up]] >= minCount) {
                        path[length++] = tree.item[up];
                    }
                }
                // collected leaf-to-root, that is by descending rank; the tree wants ascending
                for (int i = 0, j = length - 1; i < j; i++, j--) {
                    int swap = path[i];
                    path[i] = path[j];
                    path[j] = swap;
                }
                if (length > 0) {
                    conditional.insert(path, length, tree.count[node]);
                }
            }
            return conditional;
        }
    }

    /**
     * An FP-tree in parallel primitive arrays; node 0 is the root. Children are a sibling list, searched
     * linearly: a node has at most as many children as there are items, and tags are few.
     */
    private static final class Tree {
        final int ranks;
        final int[] head;
        int[] item = new int[16];
        long[] count = new long[16];
        int[] parent = new int[16];
        int[] firstChild = new int[16];
        int[] sibling = new int[16];
        int[] next = new int[16];
        int size = 1;

        Tree(int ranks) {
            this.ranks = ranks;
            this.head = new int[ranks];
            Arrays.fill(head, -1);
            item[0] = -1;
            parent[0] = -1;
            firstChild[0] = -1;
            sibling[0] = -1;
            next[0] = -1;
        }

        void insert(int[] path, int length, long weight) {
            int node = 0;
            for (int i = 0; i < length; i++) {
                int child = firstChild[node];
                while (child >= 0 && item[child] != path[i]) {
                    child = sibling[child];
                }
                if (child < 0) {
                    child = add(node, path[i]);
                }
                count[child] += weight;
                node = child;
            }
        }

        private int add(int under, int rank) {
            if (size == item.length) {
                int capacity = size * 2;
                item = Arrays.copyOf(item, capacity);
                count = Arrays.copyOf(count, capacity);
                parent = Arrays.copyOf(parent, capacity);
                firstChild = Arrays.copyOf(firstChild, capacity);
                sibling = Arrays.copyOf(sibling, capacity);
                next = Arrays.copyOf(next, capacity);
            }
            int node = size++;
            item[node] = rank;
            count[node] = 0;
            parent[node] = under;
            firstChild[node] = -1;
            sibling[node] = firstChild[under];
            firstChild[under] = node;
            next[node] = head[rank];
            head[rank] = node;
            return node;
        }
    }
}
