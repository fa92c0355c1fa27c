package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pulse.core.PulseInputException;
import io.pulse.core.tags.FeatureCondition.Compare;
import io.pulse.core.tags.FeatureCondition.IsNull;
import io.pulse.core.tags.FeatureCondition.Percentile;
import io.pulse.core.tags.FeatureCondition.PercentileValue;
import io.pulse.core.tags.FeatureCondition.Term;
import io.pulse.core.tags.FeatureCondition.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class FeatureConditionTest {

    private static final double NA = Double.NaN;
    /** Five users; user 4 has no monetary value. */
    private static final Map<String, double[]> FEATURES = Map.of(
            "monetary_180d", new double[] {10, 40, 20, 30, NA},
            "browse_min_avg", new double[] {45, 5, 30, 60, 31},
            "purchases_30d", new double[] {1, 3, 2, 0, 0});

    private static int[] users(String rule) {
        return FeatureCondition.parse(rule).evaluate(FEATURES).toArray();
    }

    @Test
    void aComparisonParsesIntoFeatureOperatorAndThreshold() {
        FeatureCondition c = FeatureCondition.parse("monetary_180d > p80 and browse_min_avg >= 30.5");
        assertThat(c.root()).isEqualTo(new Expression.And<Term>(
                new Expression.Atom<>(new Compare("monetary_180d", CompareOp.GT, new Percentile(80))),
                new Expression.Atom<>(new Compare("browse_min_avg", CompareOp.GE, new Value(30.5)))));
        assertThat(c.referencedFeatures()).containsExactly("monetary_180d", "browse_min_avg");
        assertThat(c.toString()).isEqualTo("monetary_180d > p80 and browse_min_avg >= 30.5");
    }

    @Test
    void aPercentileInterpolatesBetweenRanksOfThePresentValues() {
        // present values 10, 20, 30, 40: h = 3 × 0.8 = 2.4, so p80 = 30 + 0.4 × (40 - 30) = 34.
        List<PercentileValue> values = FeatureCondition.parse("monetary_180d > p80 or monetary_180d < p12.5")
                .percentiles(FEATURES::get, FEATURES.keySet());
        assertThat(values).hasSize(2);
        assertThat(values.get(0).value()).isCloseTo(34, within(1e-12));
        assertThat(values.get(0).present()).isEqualTo(4);
        // p12.5: h = 0.375, so 10 + 0.375 × 10 = 13.75.
        assertThat(values.get(1).value()).isCloseTo(13.75, within(1e-12));
        assertThat(users("monetary_180d > p80")).containsExactly(1);
        assertThat(users("monetary_180d >= p0")).containsExactly(0, 1, 2, 3);
        assertThat(users("monetary_180d <= p100")).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aMissingValueSatisfiesNoComparisonButItsNegationDoes() {
        assertThat(users("monetary_180d != 10")).containsExactly(1, 2, 3);
        assertThat(users("monetary_180d <= 20")).containsExactly(0, 2);
        assertThat(users("not monetary_180d > 20")).containsExactly(0, 2, 4);
        assertThat(users("monetary_180d is null")).containsExactly(4);
        assertThat(users("monetary_180d IS NOT NULL")).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aCompoundRuleSelectsTheUsersMeetingItByHand() {
        // browse >= 30: users 0, 2, 3, 4; purchases <= 2: users 0, 2, 3, 4; monetary == 40: user 1.
        assertThat(users("browse_min_avg >= 30 and purchases_30d <= 2")).containsExactly(0, 2, 3, 4);
        assertThat(users("browse_min_avg >= 30 and (purchases_30d == 0 or monetary_180d == 40)"))
                .containsExactly(3, 4);
        assertThat(users("browse_min_avg>30&&purchases_30d<1||monetary_180d==-1e9")).containsExactly(3, 4);
    }

    @Test
    void anUnknownFeatureIsNamedWithItsColumnAndTheClosestKnownFeatures() {
        assertThatThrownBy(() -> users("browse_min_avg > 3 and monetry_180d > p50"))
                .isInstanceOfSatisfying(TagExpressionException.class, e -> {
                    assertThat(e.column()).isEqualTo(24);
                    assertThat(e.reason()).isEqualTo("unknown feature 'monetry_180d'; did you mean monetary_180d?");
                });
    }

    @Test
    void aPercentileOfAFeatureNobodyHasIsAnInputMistake() {
        Map<String, double[]> empty = Map.of("x", new double[] {NA, NA});
        assertThatThrownBy(() -> FeatureCondition.parse("x > p50").evaluate(empty))
                .isInstanceOf(PulseInputException.class)
                .hasMessage("rule 'x > p50': p50 of 'x' is undefined, no user has a value");
    }

    @Test
    void syntaxMistakesSayWhatWasExpectedAndWhere() {
        assertError("x >", 4, "expected a number or a percentile such as p80 after '>'");
        assertError("x = 3", 3, "write '==' to compare, not '='");
        assertError("x > p101", 5, "a percentile is between p0 and p100, got 'p101'");
        assertError("x > high", 5, "expected a number or a percentile such as p80 after '>', got 'high'");
        assertError("x 3", 3, "expected a comparison (> >= < <= == !=) or 'is null' after 'x', got '3'");
        assertError("x is nothing", 6, "expected 'null' after 'is'");
        assertError("x > 1 and", 10, "expected a condition after 'and'");
        assertError("X > 1", 1, "'X' is not a feature name: lower-case letters, digits and '_'");
    }

    private static void assertError(String text, int column, String reason) {
        assertThatThrownBy(() -> FeatureCondition.parse(text))
                .isInstanceOfSatisfying(TagExpressionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    @Test
    void bitmapResultsEqualAStraightforwardPerUserEvaluationOnRandomRules() {
        SplittableRandom random = new SplittableRandom(11);
        int users = 200;
        List<String> ops = List.of(">", ">=", "<", "<=", "==", "!=");
        for (int round = 0; round < 200; round++) {
            Map<String, double[]> columns = Map.of("f", column(random, users), "g", column(random, users));
            List<String> atoms = new ArrayList<>();
            for (int a = 0; a < 6; a++) {
                String feature = random.nextBoolean() ? "f" : "g";
                atoms.add(random.nextInt(8) == 0 ? feature + (random.nextBoolean() ? " is null" : " is not null")
                        : feature + " " + ops.get(random.nextInt(ops.size())) + " "
                                + (random.nextBoolean() ? "p" + random.nextInt(101) : Integer.toString(random.nextInt(10))));
            }
            String text = AudienceExpressionTest.randomExpression(random, atoms, 3);
            FeatureCondition c = FeatureCondition.parse(text);
            RoaringBitmap result = c.evaluate(columns);
            Map<Term, Double> cuts = c.cuts(columns::get, columns.keySet());
            List<Integer> expected = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                if (c.root().test(t -> FeatureCondition.holds(t, columns.get(t.feature())[user],
                        cuts.getOrDefault(t, Double.NaN)))) {
                    expected.add(u);
                }
            }
            assertThat(result.toArray()).as(text)
                    .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            assertThat(FeatureCondition.parse(c.toString()).root()).as(text).isEqualTo(c.root());
        }
    }

    @Test
    void theCutsOfPercentilesAgreeWithASortedReference() {
        double[] values = {5, 1, 4, NA, 2, 3};
        Map<Term, Double> cuts = FeatureCondition.parse("x > p25").cuts(Map.of("x", values)::get, List.of("x"));
        // present sorted 1..5: h = 4 × 0.25 = 1, so p25 = 2.
        assertThat(cuts.values()).containsExactly(2.0);
        assertThat(new IsNull("x", true).toString()).isEqualTo("x is not null");
    }

    /** Small integers so that == and percentiles tie often; some NaN. */
    private static double[] column(SplittableRandom random, int users) {
        double[] values = new double[users];
        for (int u = 0; u < users; u++) {
            values[u] = random.nextInt(10) == 0 ? NA : random.nextInt(10);
        }
        return values;
    }
}
