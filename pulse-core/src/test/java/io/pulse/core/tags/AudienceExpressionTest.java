package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class AudienceExpressionTest {

    private static Expression<String> tag(String name) {
        return new Expression.Atom<>(name);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(AudienceExpression.parse("a or b and not c").root()).isEqualTo(
                new Expression.Or<>(tag("a"), new Expression.And<>(tag("b"), new Expression.Not<>(tag("c")))));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(AudienceExpression.parse("(a or b) and not (c or d)").root()).isEqualTo(
                new Expression.And<>(new Expression.Or<>(tag("a"), tag("b")),
                        new Expression.Not<>(new Expression.Or<>(tag("c"), tag("d")))));
    }

    @Test
    void andAndOrAssociateToTheLeft() {
        assertThat(AudienceExpression.parse("a and b and c").root()).isEqualTo(
                new Expression.And<>(new Expression.And<>(tag("a"), tag("b")), tag("c")));
    }

    @Test
    void symbolsAndUpperCaseKeywordsMeanTheSameAsLowerCaseWords() {
        Expression<String> words = AudienceExpression.parse("a and not b or c").root();
        assertThat(AudienceExpression.parse("a && !b || c").root()).isEqualTo(words);
        assertThat(AudienceExpression.parse("a AND Not b OR c").root()).isEqualTo(words);
    }

    @Test
    void attributeTermsKeepTheirValuesAndTagsAreListedInOrderOfFirstAppearance() {
        AudienceExpression e = AudienceExpression.parse(
                "high_value and not churn_risk and (region:east or region:north or age:55+ or age:25-34) and high_value");
        assertThat(e.referencedTags())
                .containsExactly("high_value", "churn_risk", "region:east", "region:north", "age:55+", "age:25-34");
    }

    @Test
    void printingGivesTheFewestParenthesesAndParsesBackToTheSameTree() {
        AudienceExpression e = AudienceExpression.parse("((a and (b)) or (not (c and d)))");
        assertThat(e.toString()).isEqualTo("a and b or not (c and d)");
        assertThat(AudienceExpression.parse(e.toString()).root()).isEqualTo(e.root());
    }

    @Test
    void aMissingTagAfterAndIsReportedAtItsColumnWithACaret() {
        assertThatThrownBy(() -> AudienceExpression.parse("high_value and (or b)"))
                .isInstanceOfSatisfying(TagExpressionException.class, e -> {
                    assertThat(e.column()).isEqualTo(17);
                    assertThat(e.reason()).isEqualTo("expected a tag after '(', got 'or'");
                    assertThat(e.getMessage()).isEqualTo("expected a tag after '(', got 'or' at column 17\n"
                            + "  high_value and (or b)\n"
                            + "                  ^");
                });
        assertThatThrownBy(() -> AudienceExpression.parse("high_value and"))
                .isInstanceOfSatisfying(TagExpressionException.class, e -> {
                    assertThat(e.column()).isEqualTo(15);
                    assertThat(e.reason()).isEqualTo("expected a tag after 'and'");
                });
    }

    @Test
    void syntaxMistakesSayWhatWasExpectedAndWhere() {
        assertError("(a or b", 8, "expected ')' to close the '(' at column 1");
        assertError("a or b)", 7, "')' closes no '('");
        assertError("a b", 3, "expected 'and', 'or' or the end after 'a', got 'b'");
        assertError("a & b", 3, "write '&&' or 'and', not a single '&'");
        assertError("High_Value", 1, "'High_Value' is not a tag: a tag is lower-case letters, digits and '_'"
                + ", an attribute term is name:value");
        assertError("a or $b", 6, "unexpected character '$'");
        assertError("   ", 4, "expected a tag, got an empty expression");
        assertError("not", 4, "expected a tag after 'not'");
    }

    private static void assertError(String text, int column, String reason) {
        assertThatThrownBy(() -> AudienceExpression.parse(text))
                .isInstanceOfSatisfying(TagExpressionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e).isInstanceOf(PulseInputException.class);
                });
    }

    @Test
    void anUnknownTagIsNamedWithItsColumnAndTheClosestKnownTags() {
        Map<String, RoaringBitmap> tags = Map.of("high_value", RoaringBitmap.bitmapOf(1), "low_value",
                RoaringBitmap.bitmapOf(2), "churn_risk", RoaringBitmap.bitmapOf(3));
        RoaringBitmap universe = RoaringBitmap.bitmapOfRange(0, 5);
        assertThatThrownBy(() -> AudienceExpression.parse("churn_risk or hihg_value").evaluate(tags, universe))
                .isInstanceOfSatisfying(TagExpressionException.class, e -> {
                    assertThat(e.column()).isEqualTo(15);
                    assertThat(e.reason()).isEqualTo("unknown tag 'hihg_value'; did you mean high_value?");
                });
        assertThatThrownBy(() -> AudienceExpression.parse("zzz").evaluate(tags, universe))
                .hasMessageStartingWith("unknown tag 'zzz'; known tags: churn_risk, high_value, low_value");
    }

    @Test
    void notComplementsWithinTheUniverseAndTheTagsAreLeftUntouched() {
        RoaringBitmap a = RoaringBitmap.bitmapOf(1, 2, 3);
        RoaringBitmap b = RoaringBitmap.bitmapOf(3, 4);
        Map<String, RoaringBitmap> tags = Map.of("a", a, "b", b);
        RoaringBitmap universe = RoaringBitmap.bitmapOfRange(0, 6);
        assertThat(AudienceExpression.parse("not a").evaluate(tags, universe).toArray()).containsExactly(0, 4, 5);
        assertThat(AudienceExpression.parse("a and not b").evaluate(tags, universe).toArray()).containsExactly(1, 2);
        assertThat(AudienceExpression.parse("a or b").evaluate(tags, universe).toArray()).containsExactly(1, 2, 3, 4);
        assertThat(AudienceExpression.parse("a").evaluate(tags, universe)).isNotSameAs(a);
        assertThat(a.toArray()).containsExactly(1, 2, 3);
        assertThat(b.toArray()).containsExactly(3, 4);
    }

    @Test
    void bitmapResultsEqualAStraightforwardPerUserEvaluationOnRandomExpressions() {
        SplittableRandom random = new SplittableRandom(7);
        int users = 300;
        List<String> names = List.of("a", "b", "c", "region:east", "age:55+");
        for (int round = 0; round < 300; round++) {
            Map<String, RoaringBitmap> tags = new LinkedHashMap<>();
            Map<String, boolean[]> has = new LinkedHashMap<>();
            for (String name : names) {
                boolean[] member = new boolean[users];
                double share = random.nextDouble();
                RoaringBitmap bitmap = new RoaringBitmap();
                for (int u = 0; u < users; u++) {
                    member[u] = random.nextDouble() < share;
                    if (member[u]) {
                        bitmap.add(u);
                    }
                }
                tags.put(name, bitmap);
                has.put(name, member);
            }
            String text = randomExpression(random, names, 4);
            AudienceExpression e = AudienceExpression.parse(text);
            RoaringBitmap result = e.evaluate(tags, RoaringBitmap.bitmapOfRange(0, users));
            List<Integer> expected = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                if (e.root().test(name -> has.get(name)[user])) {
                    expected.add(u);
                }
            }
            assertThat(result.toArray()).as(text).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            assertThat(AudienceExpression.parse(e.toString()).root()).as(text).isEqualTo(e.root());
        }
    }

    /** A random well-formed expression mixing words, symbols, cases and redundant parentheses. */
    static String randomExpression(SplittableRandom random, List<String> atoms, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(5);
        switch (kind) {
            case 0:
            case 1:
                return atoms.get(random.nextInt(atoms.size()));
            case 2:
                return (random.nextBoolean() ? "not " : "!") + "(" + randomExpression(random, atoms, depth - 1) + ")";
            case 3:
                return randomExpression(random, atoms, depth - 1) + (random.nextBoolean() ? " and " : " && ")
                        + randomExpression(random, atoms, depth - 1);
            default:
                String or = randomExpression(random, atoms, depth - 1) + (random.nextBoolean() ? " OR " : " || ")
                        + randomExpression(random, atoms, depth - 1);
                return random.nextBoolean() ? "(" + or + ")" : or;
        }
    }
}
