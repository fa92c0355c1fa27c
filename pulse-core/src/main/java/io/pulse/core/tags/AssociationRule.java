package io.pulse.core.tags;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule "users with every antecedent tag also have every consequent tag", with the usual measures
 * (Agrawal, Imieliński and Swami 1993; Brin et al. 1997 for lift and conviction).
 *
 * @param antecedent ascending tag ids A
 * @param consequent ascending tag ids C, disjoint from A
 * @param count transactions holding A ∪ C
 * @param support count / n
 * @param confidence P(C | A) = supp(A ∪ C) / supp(A)
 * @param lift confidence / supp(C): 1 when A and C are independent
 * @param leverage supp(A ∪ C) - supp(A) supp(C)
 * @param conviction (1 - supp(C)) / (1 - confidence); infinite for a rule that always holds
 */
public record AssociationRule(int[] antecedent, int[] consequent, long count, double support, double confidence,
        double lift, double leverage, double conviction) {

    public AssociationRule {
        antecedent = antecedent.clone();
        consequent = consequent.clone();
    }

    @Override
    public int[] antecedent() {
        return antecedent.clone();
    }

    @Override
    public int[] consequent() {
        return consequent.clone();
    }

    /** "a, b => c" with tag names in place of ids. */
    public String describe(List<String> names) {
        return names(antecedent, names) + " => " + names(consequent, names);
    }

    private static String names(int[] ids, List<String> names) {
        return Arrays.stream(ids).mapToObj(names::get).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssociationRule r && Arrays.equals(antecedent, r.antecedent)
                && Arrays.equals(consequent, r.consequent) && count == r.count
                && Double.compare(support, r.support) == 0 && Double.compare(confidence, r.confidence) == 0
                && Double.compare(lift, r.lift) == 0 && Double.compare(leverage, r.leverage) == 0
                && Double.compare(conviction, r.conviction) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(antecedent) + Arrays.hashCode(consequent)) + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return Arrays.toString(antecedent) + " => " + Arrays.toString(consequent) + " (support " + support
                + ", confidence " + confidence + ", lift " + lift + ")";
    }
}
