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
 *
 * <p>Speed comes from three choices. Every tree is built from its paths as bitsets of ranks, radix
 * sorted: a path then shares the previous one's nodes down to their first difference, so no child is
 * ever searched for, identical transactions merge, and nodes are numbered depth first. Each node keeps
 * its prefix path as a bitset, so mining reads prefix paths without walking up the tree. And the last two
 * sizes wanted are counted from the pattern base directly instead of through conditional trees (see
 * {@link Miner#emitExtensions}).
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
        int maxItem = -1;
        for (int[] transaction : transactions) {
            for (int item : transaction) {
                if (item < 0) {
                    throw new IllegalArgumentException("item ids are non-negative, got " + item);
                }
                maxItem = Math.max(maxItem, item);
            }
        }
        // The last transaction that counted each item: duplicates within a transaction count once, no sets.
        long[] itemCounts = new long[maxItem + 1];
        int[] countedIn = new int[maxItem + 1];
        Arrays.fill(countedIn, -1);
        for (int t = 0; t < transactions.length; t++) {
            for (int item : transactions[t]) {
                if (countedIn[item] != t) {
                    countedIn[item] = t;
                    itemCounts[item]++;
                }
            }
        }
        int[] byRank = rankedItems(itemCounts, minCount);
        int[] rankOf = new int[maxItem + 1];
        Arrays.fill(rankOf, -1);
        for (int r = 0; r < byRank.length; r++) {
            rankOf[byRank[r]] = r;
        }
        // OR-ing bits drops duplicate items too
        int words = Tree.words(byRank.length);
        long[] bits = new long[transactions.length * words];
        for (int t = 0; t < transactions.length; t++) {
            for (int item : transactions[t]) {
                if (rankOf[item] >= 0) {
                    Tree.set(bits, t * words, rankOf[item]);
                }
            }
        }
        int[] weights = new int[transactions.length];
        Arrays.fill(weights, 1);
        List<FrequentItemset> found = new ArrayList<>();
        new Miner(byRank, minCount, maxSize, found).mine(Tree.of(bits, weights, byRank.length), new int[0]);
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
                for (int i = tree.rankStart[rank]; i < tree.rankStart[rank + 1]; i++) {
                    support += tree.count[tree.rankNodes[i]];
                }
                if (support < minCount) {
                    continue;
                }
                int[] itemset = Arrays.copyOf(suffix, suffix.length + 1);
                itemset[suffix.length] = byRank[rank];
                emit(itemset, support);
                if (itemset.length + 2 >= maxSize) {
                    emitExtensions(tree, rank, itemset, maxSize - itemset.length);
                } else {
                    Tree conditional = conditional(tree, rank);
                    if (conditional.size > 1) {
                        mine(conditional, itemset);
                    }
                }
            }
        }

        /**
         * Emits itemset ∪ {u} and, when {@code levels} is 2, itemset ∪ {u, v} for the items u, v of
         * {@code rank}'s pattern base. Their counts are the counts of u and of the pair uv over the base's
         * paths, so the last two sizes need no conditional tree: a tree built only to be counted costs more
         * than the counting (the pair counts are Grahne and Zhu's 2003 "FP-array"). Those sizes hold most
         * itemsets.
         */
        private void emitExtensions(Tree tree, int rank, int[] itemset, int levels) {
            if (levels <= 0) {
                return;
            }
            long[] counts = prefixCounts(tree, rank);
            // Only items frequent in the base can be in a frequent pair: number them densely.
            int[] frequent = IntStream.range(0, rank).filter(r -> counts[r] >= minCount).toArray();
            for (int r : frequent) {
                emit(with(itemset, byRank[r]), counts[r]);
            }
            if (levels == 1 || frequent.length < 2) {
                return;
            }
            int k = frequent.length;
            int[] local = new int[rank];
            Arrays.fill(local, -1);
            for (int i = 0; i < k; i++) {
                local[frequent[i]] = i;
            }
            long[] keep = tree.maskOf(frequent);
            long[] pairs = new long[k * k];
            int[] path = new int[rank];
            for (int i = tree.rankStart[rank]; i < tree.rankStart[rank + 1]; i++) {
                int node = tree.rankNodes[i];
                long weight = tree.count[node];
                int length = tree.prefix(node, keep, path);
                for (int j = 0; j < length; j++) {
                    path[j] = local[path[j]];
                }
                for (int a = 0; a < length; a++) {
                    int row = path[a] * k;
                    for (int b = a + 1; b < length; b++) {
                        pairs[row + path[b]] += weight;
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < a; b++) {
                    if (pairs[a * k + b] >= minCount) {
                        emit(with(with(itemset, byRank[frequent[a]]), byRank[frequent[b]]), pairs[a * k + b]);
                    }
                }
            }
        }

        private void emit(int[] itemset, long count) {
            int[] items = itemset.clone();
            Arrays.sort(items);
            found.add(new FrequentItemset(items, count));
        }

        private static int[] with(int[] itemset, int item) {
            int[] longer = Arrays.copyOf(itemset, itemset.length + 1);
            longer[itemset.length] = item;
            return longer;
        }

        /** How often each item above {@code rank} occurs in the prefix paths of {@code rank}'s nodes. */
        private static long[] prefixCounts(Tree tree, int rank) {
            long[] counts = new long[rank];
            int[] path = new int[rank];
            for (int i = tree.rankStart[rank]; i < tree.rankStart[rank + 1]; i++) {
                int node = tree.rankNodes[i];
                int length = tree.prefix(node, null, path);
                for (int j = 0; j < length; j++) {
                    counts[path[j]] += tree.count[node];
                }
            }
            return counts;
        }

        /** The tree of the prefix paths above every node of {@code rank}, infrequent items dropped. */
        private Tree conditional(Tree tree, int rank) {
            long[] counts = prefixCounts(tree, rank);
            long[] keep = tree.maskOf(IntStream.range(0, rank).filter(r -> counts[r] >= minCount).toArray());
            int words = Tree.words(rank);
            int paths = tree.rankStart[rank + 1] - tree.rankStart[rank];
            long[] bits = new long[paths * words];
            int[] weights = new int[paths];
            for (int p = 0; p < paths; p++) {
                int node = tree.rankNodes[tree.rankStart[rank] + p];
                weights[p] = (int) tree.count[node]; // no more than the transactions, an array's length
                for (int w = 0; w < words; w++) {
                    bits[p * words + w] = tree.above[node * tree.words + w] & keep[w];
                }
            }
            return Tree.of(bits, weights, rank);
        }
    }

    /**
     * An FP-tree in parallel primitive arrays; node 0 is the root. Instead of node links, the nodes of
     * each rank are listed together, in node order: rankNodes[rankStart[r] .. rankStart[r + 1]). Instead
     * of a parent link, each node holds its prefix path as a bitset of ranks ({@code above}, words longs
     * a node): mining reads prefix paths only, and a bitset is read without chasing pointers up the tree.
     */
    private static final class Tree {
        final int ranks;
        final int words;
        int[] item = new int[16];
        long[] count = new long[16];
        long[] above;
        int size = 1;
        int[] rankStart;
        int[] rankNodes;

        private Tree(int ranks) {
            this.ranks = ranks;
            this.words = words(ranks);
            this.above = new long[16 * words];
            item[0] = -1;
        }

        /** Writes the ranks of {@code node}'s prefix path, descending, kept by {@code keep} (all if null). */
        int prefix(int node, long[] keep, int[] into) {
            int length = 0;
            for (int w = words - 1; w >= 0; w--) {
                long x = above[node * words + w] & (keep == null ? -1L : keep[w]);
                for (; x != 0; x &= x - 1) {
                    into[length++] = w * 64 + 63 - Long.numberOfTrailingZeros(x);
                }
            }
            return length;
        }

        long[] maskOf(int[] ranksKept) {
            long[] mask = new long[words];
            for (int rank : ranksKept) {
                set(mask, 0, rank);
            }
            return mask;
        }

        /**
         * @param bits one bitset of ranks per path, {@link #words} longs each, rank 0 in the most significant
         *     bit: sorted as unsigned numbers, paths with a common prefix are then adjacent (sorted here,
         *     in place, with the weights)
         * @param weights the number of transactions following each path
         */
        static Tree of(long[] bits, int[] weights, int ranks) {
            int words = words(ranks);
            int paths = weights.length;
            sort(bits, weights, words);
            Tree tree = new Tree(ranks);
            // the nodes of the previous path, by depth; a path shares them down to its first different rank
            int[] pathNodes = new int[ranks + 1];
            for (int i = 0; i < paths; ) {
                int p = i;
                long weight = 0;
                for (; i < paths && firstDifference(bits, words, i, p) == NONE; i++) {
                    weight += weights[i];
                }
                int shared = p == 0 ? 0 : firstDifference(bits, words, p, p - 1);
                int node = 0;
                int depth = 0;
                for (int w = 0; w < words; w++) {
                    for (long x = bits[p * words + w]; x != 0; x ^= Long.highestOneBit(x)) {
                        int rank = w * 64 + Long.numberOfLeadingZeros(x);
                        depth++;
                        if (rank < shared) {
                            node = pathNodes[depth];
                        } else {
                            node = tree.add(node, rank);
                            pathNodes[depth] = node;
                        }
                        tree.count[node] += weight;
                    }
                }
            }
            tree.listNodesByRank();
            return tree;
        }

        static final int NONE = Integer.MAX_VALUE;

        static int words(int ranks) {
            return Math.max(1, (ranks + 63) / 64);
        }

        static void set(long[] bits, int from, int rank) {
            bits[from + rank / 64] |= Long.MIN_VALUE >>> (rank % 64);
        }

        /** The first rank in one of the two paths only, or {@link #NONE} when they are equal. */
        private static int firstDifference(long[] bits, int words, int p, int q) {
            for (int w = 0; w < words; w++) {
                long differ = bits[p * words + w] ^ bits[q * words + w];
                if (differ != 0) {
                    return w * 64 + Long.numberOfLeadingZeros(differ);
                }
            }
            return NONE;
        }

        /**
         * Sorts the paths (bitsets and weights together) ascending as unsigned numbers: a
         * least-significant-digit radix sort, so linear and with no object per path. Digits of 11 bits keep
         * the table of counts in cache; a pass whose digit is the same in every path, such as unused low
         * bits, is skipped.
         */
        private static void sort(long[] bits, int[] weights, int words) {
            int paths = weights.length;
            int[] start = new int[DIGITS + 1];
            long[] fromBits = bits;
            int[] fromWeights = weights;
            long[] toBits = new long[bits.length];
            int[] toWeights = new int[paths];
            for (int w = words - 1; w >= 0; w--) {
                for (int shift = 0; shift < 64; shift += DIGIT_BITS) {
                    Arrays.fill(start, 0);
                    for (int p = 0; p < paths; p++) {
                        start[digit(fromBits[p * words + w], shift) + 1]++;
                    }
                    if (paths == 0 || start[digit(fromBits[w], shift) + 1] == paths) {
                        continue;
                    }
                    for (int d = 0; d < DIGITS; d++) {
                        start[d + 1] += start[d];
                    }
                    for (int p = 0; p < paths; p++) {
                        int to = start[digit(fromBits[p * words + w], shift)]++;
                        System.arraycopy(fromBits, p * words, toBits, to * words, words);
                        toWeights[to] = fromWeights[p];
                    }
                    long[] swapBits = fromBits;
                    fromBits = toBits;
                    toBits = swapBits;
                    int[] swapWeights = fromWeights;
                    fromWeights = toWeights;
                    toWeights = swapWeights;
                }
            }
            if (fromBits != bits) {
                System.arraycopy(fromBits, 0, bits, 0, bits.length);
                System.arraycopy(fromWeights, 0, weights, 0, paths);
            }
        }

        private static final int DIGIT_BITS = 11;
        private static final int DIGITS = 1 << DIGIT_BITS;

        private static int digit(long word, int shift) {
            return (int) (word >>> shift) & (DIGITS - 1);
        }

        private int add(int under, int rank) {
            if (size == item.length) {
                int capacity = size * 2;
                item = Arrays.copyOf(item, capacity);
                count = Arrays.copyOf(count, capacity);
                above = Arrays.copyOf(above, capacity * words);
            }
            int node = size++;
            item[node] = rank;
            for (int w = 0; w < words; w++) {
                above[node * words + w] = above[under * words + w];
            }
            if (under > 0) {
                set(above, node * words, item[under]);
            }
            return node;
        }

        private void listNodesByRank() {
            rankStart = new int[ranks + 1];
            for (int node = 1; node < size; node++) {
                rankStart[item[node] + 1]++;
            }
            for (int r = 0; r < ranks; r++) {
                rankStart[r + 1] += rankStart[r];
            }
            rankNodes = new int[size - 1];
            int[] filled = Arrays.copyOf(rankStart, ranks);
            for (int node = 1; node < size; node++) {
                rankNodes[filled[item[node]]++] = node;
            }
        }
    }
}
