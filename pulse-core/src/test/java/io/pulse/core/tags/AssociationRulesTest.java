package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssociationRulesTest {

    /** Ten users over tags 0 (loyal), 1 (big_basket), 2 (coupon). */
    private static final int[][] USERS = {
        {0, 1}, {0, 1}, {0, 1}, {0, 1, 2}, {0}, {1}, {2}, {2}, {2}, {},
    };

    @Test
    void measuresMatchAHandCount() {
        List<AssociationRule> rules = AssociationRules.from(FpGrowth.mine(USERS, 1L, 3), 0.0);
        AssociationRule loyalToBig = rules.stream()
                .filter(r -> r.antecedent().length == 1 && r.antecedent()[0] == 0 && r.consequent().length == 1
                        && r.consequent()[0] == 1)
                .findFirst().orElseThrow();
        // loyal 5, big 5, both 4 of 10: support 0.4, confidence 0.8, lift 0.8 / 0.5 = 1.6,
        // leverage 0.4 - 0.25 = 0.15, conviction (1 - 0.5) / (1 - 0.8) = 2.5.
        assertThat(loyalToBig.count()).isEqualTo(4);
        assertThat(loyalToBig.support()).isCloseTo(0.4, within(1e-12));
        assertThat(loyalToBig.confidence()).isCloseTo(0.8, within(1e-12));
        assertThat(loyalToBig.lift()).isCloseTo(1.6, within(1e-12));
        assertThat(loyalToBig.leverage()).isCloseTo(0.15, within(1e-12));
        assertThat(loyalToBig.conviction()).isCloseTo(2.5, within(1e-12));
        assertThat(loyalToBig.describe(List.of("loyal", "big_basket", "coupon"))).isEqualTo("loyal => big_basket");
    }

    @Test
    void rulesBelowTheConfidenceAreLeftOutAndTheRestOrderedByLiftThenConfidence() {
        List<AssociationRule> rules = AssociationRules.from(FpGrowth.mine(USERS, 1L, 3), 0.5);
        assertThat(rules).allSatisfy(r -> assertThat(r.confidence()).isGreaterThanOrEqualTo(0.5));
        for (int i = 1; i < rules.size(); i++) {
            AssociationRule before = rules.get(i - 1);
            AssociationRule after = rules.get(i);
            assertThat(before.lift() > after.lift()
                    || before.lift() == after.lift() && before.confidence() >= after.confidence()).isTrue();
        }
        // {0,2} => {1} and {1,2} => {0}: count 1, confidence 1 / 1, lift 1 / 0.5 = 2, the highest; tied on
        // every measure, they list by antecedent.
        assertThat(rules.get(0).antecedent()).containsExactly(0, 2);
        assertThat(rules.get(0).consequent()).containsExactly(1);
        assertThat(rules.get(1).antecedent()).containsExactly(1, 2);
        assertThat(rules.get(1).consequent()).containsExactly(0);
        assertThat(rules.get(0).lift()).isCloseTo(2.0, within(1e-12));
        assertThat(rules.get(0).conviction()).isInfinite();
        assertThat(rules.get(2).lift()).isLessThan(2.0);
    }

    @Test
    void everySplitOfEveryItemsetIsARule() {
        // at confidence 0, an itemset of size s gives 2^s - 2 rules: here 3 pairs × 2 + 1 triple × 6.
        FrequentItemsets found = FpGrowth.mine(USERS, 1L, 3);
        assertThat(found.itemsets().stream().filter(s -> s.size() == 2)).hasSize(3);
        assertThat(AssociationRules.from(found, 0.0)).hasSize(12);
    }
}
