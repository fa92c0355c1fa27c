package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class FpGrowthTest {

    /** Han, Pei and Yin's running example with items f=0 c=1 a=2 b=3 m=4 p=5 and the rest 6..; min count 3. */
    private static final int[][] HAN = {
        {0, 2, 1, 7, 8, 9, 4, 5},
        {2, 3, 1, 0, 10, 4, 11},
        {3, 0, 12, 13, 11},
        {3, 1, 14, 15, 5},
        {2, 0, 1, 16, 10, 8, 4, 5},
    };

    @Test
    void thePapersExampleGivesItsFrequentPatterns() {
        FrequentItemsets found = FpGrowth.mine(HAN, 3L, Integer.MAX_VALUE);
        // singles f4 c4 a3 b3 m3 p3; the paper's patterns: fcam 3 and its subsets, cp 3.
        assertThat(found.count(0)).isEqualTo(4);
        assertThat(found.count(5)).isEqualTo(3);
        assertThat(found.count(0, 1, 2, 4)).isEqualTo(3);
        assertThat(found.count(1, 5)).isEqualTo(3);
        assertThat(found.count(0, 5)).isZero();
        assertThat(found.itemsets()).hasSize(6 + 6 + 4 + 1 + 1 - 0);
        assertThat(found.itemsets()).isEqualTo(bruteForce(HAN, 3, Integer.MAX_VALUE));
    }

    @Test
    void aFractionalSupportRoundsTheCountUp() {
        assertThat(FpGrowth.mine(HAN, 0.5, 3).minCount()).isEqualTo(3);
        assertThat(FpGrowth.mine(HAN, 0.6, 3).minCount()).isEqualTo(3);
        assertThat(FpGrowth.mine(HAN, 0.61, 3).minCount()).isEqualTo(4);
        assertThat(FpGrowth.mine(HAN, 0.6, 3).support(0)).isEqualTo(0.8);
    }

    @Test
    void itemsetsAndCountsEqualBruteForceEnumerationOnRandomTransactions() {
        SplittableRandom random = new SplittableRandom(2024);
        for (int round = 0; round < 400; round++) {
            int items = 1 + random.nextInt(8);
            int[][] transactions = new int[random.nextInt(40)][];
            double density = 0.1 + 0.8 * random.nextDouble();
            for (int t = 0; t < transactions.length; t++) {
                List<Integer> transaction = new ArrayList<>();
                for (int i = 0; i < items; i++) {
                    if (random.nextDouble() < density) {
                        transaction.add(i);
                        if (random.nextInt(10) == 0) {
                            transaction.add(i); // duplicates are ignored
                        }
                    }
                }
                transactions[t] = transaction.stream().mapToInt(Integer::intValue).toArray();
            }
            long minCount = 1 + random.nextInt(5);
            int maxSize = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(4);
            assertThat(FpGrowth.mine(transactions, minCount, maxSize).itemsets()).as("round %d", round)
                    .isEqualTo(bruteForce(transactions, minCount, maxSize));
        }
    }

    /**
     * More than 64 frequent items, so a transaction's item set spans several 64-bit words: checked
     * against counting every subset of up to three items of each transaction.
     */
    @Test
    void manyFrequentItemsEqualSubsetCounting() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 5; round++) {
            int items = 70 + random.nextInt(80);
            int[][] transactions = new int[300][];
            for (int t = 0; t < transactions.length; t++) {
                List<Integer> transaction = new ArrayList<>();
                for (int i = 0; i < items; i++) {
                    // Item i is common for low i, rarer for high: every item stays frequent at count 3.
                    if (random.nextDouble() < 0.02 + 0.1 * (items - i) / items) {
                        transaction.add(i);
                    }
                }
                transactions[t] = transaction.stream().mapToInt(Integer::intValue).toArray();
            }
            Map<List<Integer>, Long> counts = new HashMap<>();
            for (int[] t : transactions) {
                for (int a = 0; a < t.length; a++) {
                    counts.merge(List.of(t[a]), 1L, Long::sum);
                    for (int b = a + 1; b < t.length; b++) {
                        counts.merge(List.of(t[a], t[b]), 1L, Long::sum);
                        for (int c = b + 1; c < t.length; c++) {
                            counts.merge(List.of(t[a], t[b], t[c]), 1L, Long::sum);
                        }
                    }
                }
            }
            Map<List<Integer>, Long> expected = new HashMap<>();
            counts.forEach((k, v) -> {
                if (v >= 3) {
                    expected.put(k, v);
                }
            });
            Map<List<Integer>, Long> found = new HashMap<>();
            for (FrequentItemset f : FpGrowth.mine(transactions, 3L, 3).itemsets()) {
                found.put(Arrays.stream(f.items()).boxed().toList(), f.count());
            }
            assertThat(expected.keySet().stream().filter(k -> k.size() == 1).count()).as("frequent items")
                    .isGreaterThan(64);
            assertThat(found).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void transactionsFromBitmapsListEachUsersTagsAscending() {
        int[][] transactions = Transactions.of(List.of(RoaringBitmap.bitmapOf(0, 2), RoaringBitmap.bitmapOf(2, 3),
                RoaringBitmap.bitmapOf(0)), 5);
        assertThat(transactions).isDeepEqualTo(new int[][] {{0, 2}, {}, {0, 1}, {1}, {}});
    }

    /** Every subset of the items seen, counted by a scan over the transactions. */
    static List<FrequentItemset> bruteForce(int[][] transactions, long minCount, int maxSize) {
        int maxItem = -1;
        for (int[] t : transactions) {
            for (int i : t) {
                maxItem = Math.max(maxItem, i);
            }
        }
        List<FrequentItemset> found = new ArrayList<>();
        for (int mask = 1; mask < (1 << (maxItem + 1)); mask++) {
            if (Integer.bitCount(mask) > maxSize) {
                continue;
            }
            long count = 0;
            for (int[] t : transactions) {
                Set<Integer> items = new HashSet<>();
                for (int i : t) {
                    items.add(i);
                }
                boolean all = true;
                for (int i = 0; i <= maxItem; i++) {
                    all &= (mask & (1 << i)) == 0 || items.contains(i);
                }
                count += all ? 1 : 0;
            }
            if (count >= minCount) {
                int[] items = new int[Integer.bitCount(mask)];
                for (int i = 0, c = 0; i <= maxItem; i++) {
                    if ((mask & (1 << i)) != 0) {
                        items[c++] = i;
                    }
                }
                found.add(new FrequentItemset(items, count));
            }
        }
        found.sort(FrequentItemsets.ORDER);
        return found;
    }
}
