package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Association rules from frequent itemsets. */
public final class AssociationRules {

    /** Lift, then confidence, then support, all descending; then the ids, so ties list alike every run. */
    static final Comparator<AssociationRule> ORDER = Comparator.comparingDouble(AssociationRule::lift).reversed()
            .thenComparing(Comparator.comparingDouble(AssociationRule::confidence).reversed())
            .thenComparing(Comparator.comparingDouble(AssociationRule::support).reversed())
            .thenComparing(AssociationRule::antecedent, Arrays::compare)
            .thenComparing(AssociationRule::consequent, Arrays::compare);

    /** Splitting an itemset tries every subset; beyond this size that is a mistake, not a request. */
    static final int MAX_ITEMSET_SIZE = 20;

    private AssociationRules() {
    }

    /**
     * Every rule A ⇒ C with A ∪ C a frequent itemset, A and C non-empty and disjoint, and confidence at
     * least {@code minConfidence}; ordered by lift, then confidence. Every subset of a frequent itemset is
     * frequent, so supp(A) and supp(C) are always known.
     */
    public static List<AssociationRule> from(FrequentItemsets frequent, double minConfidence) {
        double n = frequent.transactions();
        List<AssociationRule> rules = new ArrayList<>();
        for (FrequentItemset itemset : frequent.itemsets()) {
            int[] items = itemset.items();
            int k = items.length;
            if (k < 2) {
                continue;
            }
            if (k > MAX_ITEMSET_SIZE) {
                throw new IllegalArgumentException("an itemset of " + k + " items has too many splits; mine with"
                        + " maxSize <= " + MAX_ITEMSET_SIZE);
            }
            double support = itemset.count() / n;
            for (int mask = 1; mask < (1 << k) - 1; mask++) {
                int[] antecedent = subset(items, mask);
                int[] consequent = subset(items, ~mask);
                double confidence = (double) itemset.count() / frequent.count(antecedent);
                if (confidence < minConfidence) {
                    continue;
                }
                double consequentSupport = frequent.count(consequent) / n;
                double antecedentSupport = frequent.count(antecedent) / n;
                double conviction = confidence == 1 ? Double.POSITIVE_INFINITY
                        : (1 - consequentSupport) / (1 - confidence);
                rules.add(new AssociationRule(antecedent, consequent, itemset.count(), support, confidence,
                        confidence / consequentSupport, support - antecedentSupport * consequentSupport, conviction));
            }
        }
        rules.sort(ORDER);
        return List.copyOf(rules);
    }

    private static int[] subset(int[] items, int mask) {
        int[] chosen = new int[Integer.bitCount(mask & ((1 << items.length) - 1))];
        int c = 0;
        for (int i = 0; i < items.length; i++) {
            if ((mask & (1 << i)) != 0) {
                chosen[c++] = items[i];
            }
        }
        return chosen;
    }
}
