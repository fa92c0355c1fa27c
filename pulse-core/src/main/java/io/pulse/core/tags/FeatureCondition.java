package io.pulse.core.tags;

import io.pulse.core.PulseInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * The rule of a rule tag: comparisons of features with numbers or population percentiles, combined with
 * and/or/not and parentheses, such as {@code monetary_180d > p80} or
 * {@code browse_min_avg >= 30 and purchases_30d <= 2}.
 *
 * <p>A comparison is {@code feature op value} with op one of {@code > >= < <= == !=} and value a number
 * or a percentile {@code pNN} / {@code pNN.N} (0 to 100) of that feature over the population; or
 * {@code feature is null} / {@code feature is not null}. A missing value (NaN) satisfies no comparison,
 * so {@code not (x > 5)} includes the users whose x is missing while {@code x <= 5} does not.
 *
 * <p>Percentiles are taken over the users whose value is present, interpolating linearly between the
 * two closest ranks (h = (n - 1) p, Hyndman and Fan's type 7, R's default and DuckDB's
 * {@code quantile_cont}), so a rule's cut can be checked in SQL.
 */
public final class FeatureCondition {

    private static final Pattern FEATURE = Pattern.compile("[a-z0-9_]+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern PERCENTILE = Pattern.compile("[pP](\\d{1,3}(\\.\\d+)?)");

    /** One comparison or null test: the atom of a rule. */
    public sealed interface Term {
        String feature();
    }

    public record Compare(String feature, CompareOp op, Threshold threshold) implements Term {
        @Override
        public String toString() {
            return feature + " " + op.symbol() + " " + threshold;
        }
    }

    /** {@code feature is null}, or with {@code negated} {@code feature is not null}. */
    public record IsNull(String feature, boolean negated) implements Term {
        @Override
        public String toString() {
            return feature + (negated ? " is not null" : " is null");
        }
    }

    /** What a feature is compared with. */
    public sealed interface Threshold {
    }

    public record Value(double value) implements Threshold {
        @Override
        public String toString() {
            return format(value);
        }
    }

    /** @param percent in [0, 100] */
    public record Percentile(double percent) implements Threshold {
        @Override
        public String toString() {
            return "p" + format(percent);
        }
    }

    /** The value a percentile resolved to on a population, so a rule's cut can be traced. */
    public record PercentileValue(String feature, double percent, double value, long present) {
    }

    private final String text;
    private final Expression<Term> root;
    private final Map<String, Integer> columns;

    private FeatureCondition(String text, Expression<Term> root, Map<String, Integer> columns) {
        this.text = text;
        this.root = root;
        this.columns = Map.copyOf(columns);
    }

    /** @throws TagExpressionException with the column of the first mistake */
    public static FeatureCondition parse(String text) {
        Map<String, Integer> columns = new HashMap<>();
        Expression<Term> root = ExpressionParser.parse(text, "a condition", parser -> {
            Token name = parser.next();
            if (!FEATURE.matcher(name.text()).matches()) {
                throw parser.error(name, "'" + name.text() + "' is not a feature name: lower-case letters, digits and '_'");
            }
            columns.putIfAbsent(name.text(), name.column());
            Token op = parser.next();
            if (op.is(Token.Kind.WORD) && op.text().equalsIgnoreCase("is")) {
                return isNull(parser, name.text());
            }
            if (!op.is(Token.Kind.COMPARE)) {
                throw parser.error(op, "expected a comparison (> >= < <= == !=) or 'is null' after '"
                        + name.text() + "'" + (op.is(Token.Kind.END) ? "" : ", got '" + op.text() + "'"));
            }
            Token value = parser.next();
            return new Compare(name.text(), CompareOp.of(op.text()), threshold(parser, op, value));
        });
        return new FeatureCondition(text, root, columns);
    }

    private static Term isNull(ExpressionParser<Term> parser, String feature) {
        boolean negated = parser.peek().is(Token.Kind.NOT);
        if (negated) {
            parser.next();
        }
        Token word = parser.peek();
        if (!word.is(Token.Kind.WORD) || !word.text().equalsIgnoreCase("null")) {
            throw parser.error(word, "expected 'null' after '" + parser.previous().text() + "'");
        }
        parser.next();
        return new IsNull(feature, negated);
    }

    private static Threshold threshold(ExpressionParser<Term> parser, Token op, Token value) {
        if (!value.is(Token.Kind.WORD)) {
            throw parser.error(value, "expected a number or a percentile such as p80 after '" + op.text() + "'");
        }
        Matcher percentile = PERCENTILE.matcher(value.text());
        if (percentile.matches()) {
            double percent = Double.parseDouble(percentile.group(1));
            if (percent > 100) {
                throw parser.error(value, "a percentile is between p0 and p100, got '" + value.text() + "'");
            }
            return new Percentile(percent);
        }
        if (!NUMBER.matcher(value.text()).matches()) {
            throw parser.error(value, "expected a number or a percentile such as p80 after '" + op.text()
                    + "', got '" + value.text() + "'");
        }
        return new Value(Double.parseDouble(value.text()));
    }

    public String text() {
        return text;
    }

    public Expression<Term> root() {
        return root;
    }

    /** The features the condition reads, in order of first appearance. */
    public List<String> referencedFeatures() {
        Set<String> features = new LinkedHashSet<>();
        for (Term term : root.atoms()) {
            features.add(term.feature());
        }
        return List.copyOf(features);
    }

    /** The users for whom the condition holds; {@code columns} maps every known feature to its values. */
    public RoaringBitmap evaluate(Map<String, double[]> columns) {
        return evaluate(columns::get, columns.keySet());
    }

    /**
     * The users (indexes into the columns) for whom the condition holds.
     *
     * @param columns a feature's values per user, NaN where missing; null for an unknown feature
     * @param knownFeatures the names offered when a feature is unknown
     * @throws TagExpressionException naming an unknown feature and the closest known ones
     * @throws PulseInputException when a percentile is asked of a feature no user has
     */
    public RoaringBitmap evaluate(Function<String, double[]> columns, Collection<String> knownFeatures) {
        Map<String, double[]> resolved = resolve(columns, knownFeatures);
        Map<Term, Double> cuts = cuts(resolved);
        int users = resolved.values().iterator().next().length;
        RoaringBitmap universe = RoaringBitmap.bitmapOfRange(0, users);
        Map<Term, RoaringBitmap> selected = new HashMap<>();
        return root.evaluate(term -> selected.computeIfAbsent(term,
                t -> select(resolved.get(t.feature()), t, cuts.get(t))), universe);
    }

    /** The value every percentile in the condition resolves to on this population, in order of appearance. */
    public List<PercentileValue> percentiles(Function<String, double[]> columns, Collection<String> knownFeatures) {
        return List.copyOf(percentiles(resolve(columns, knownFeatures)).values());
    }

    /** Each comparison with a percentile, and what that resolves to; one sort per feature. */
    private Map<Compare, PercentileValue> percentiles(Map<String, double[]> columns) {
        Map<Compare, PercentileValue> values = new LinkedHashMap<>();
        Map<String, double[]> sorted = new HashMap<>();
        for (Term term : root.atoms()) {
            if (term instanceof Compare c && c.threshold() instanceof Percentile p) {
                double[] present = sorted.computeIfAbsent(c.feature(), f -> present(columns.get(f)));
                values.put(c, new PercentileValue(c.feature(), p.percent(), quantile(present, c.feature(), p),
                        present.length));
            }
        }
        return values;
    }

    /**
     * Whether {@code term} holds for a user whose feature value is {@code value}, with {@code cut} the
     * resolved threshold of a comparison (ignored by a null test): the per-user rule, which the bitmap
     * evaluation must agree with.
     */
    public static boolean holds(Term term, double value, double cut) {
        if (term instanceof Compare c) {
            return c.op().test(value, cut);
        }
        return Double.isNaN(value) != ((IsNull) term).negated();
    }

    /** Every comparison's threshold as a number, percentiles resolved on their column. */
    public Map<Term, Double> cuts(Function<String, double[]> columns, Collection<String> knownFeatures) {
        return cuts(resolve(columns, knownFeatures));
    }

    private Map<Term, Double> cuts(Map<String, double[]> columns) {
        Map<Compare, PercentileValue> percentiles = percentiles(columns);
        Map<Term, Double> cuts = new HashMap<>();
        for (Term term : root.atoms()) {
            if (term instanceof Compare c) {
                cuts.put(c, c.threshold() instanceof Value v ? v.value() : percentiles.get(c).value());
            }
        }
        return cuts;
    }

    private Map<String, double[]> resolve(Function<String, double[]> columns, Collection<String> knownFeatures) {
        Map<String, double[]> resolved = new HashMap<>();
        int users = -1;
        for (String feature : referencedFeatures()) {
            double[] column = columns.apply(feature);
            if (column == null) {
                throw new TagExpressionException(text, this.columns.get(feature),
                        "unknown feature '" + feature + "'" + CloseNames.hint(feature, knownFeatures, "feature"));
            }
            if (users >= 0 && column.length != users) {
                throw new IllegalArgumentException("feature '" + feature + "' has " + column.length
                        + " values where the others have " + users);
            }
            users = column.length;
            resolved.put(feature, column);
        }
        return resolved;
    }

    private static RoaringBitmap select(double[] column, Term term, Double cut) {
        double threshold = cut == null ? Double.NaN : cut;
        RoaringBitmapWriter<RoaringBitmap> writer = RoaringBitmapWriter.writer().get();
        for (int i = 0; i < column.length; i++) {
            if (holds(term, column[i], threshold)) {
                writer.add(i);
            }
        }
        return writer.get();
    }

    private static double[] present(double[] column) {
        double[] values = Arrays.stream(column).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(values);
        return values;
    }

    private double quantile(double[] sorted, String feature, Percentile p) {
        if (sorted.length == 0) {
            throw new PulseInputException("rule '" + text + "': p" + format(p.percent()) + " of '" + feature
                    + "' is undefined, no user has a value");
        }
        return quantile(sorted, p.percent() / 100);
    }

    /** The type 7 quantile of ascending, non-empty {@code sorted}, p in [0, 1]. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
