package io.pulse.core.tags;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.roaringbitmap.RoaringBitmap;

/**
 * An audience: a boolean expression over tags, such as
 * {@code high_value and not churn_risk and (region:east or region:north)}.
 *
 * <p>A tag is {@code [a-z0-9_]+}; an attribute term is {@code name:value}, the value made of letters,
 * digits and {@code _ - +} (so {@code age:25-34} and {@code age:55+} read naturally), and it names the
 * attribute tag of that value. Operators are {@code and}, {@code or}, {@code not} in any case, or
 * {@code &&}, {@code ||}, {@code !}; not binds tighter than and, and tighter than or; parentheses group.
 *
 * <p>Evaluation is set algebra on the tags' bitmaps of user indexes, so a count over a million users
 * costs a few bitmap operations, not a pass over the users.
 */
public final class AudienceExpression {

    private static final Pattern TAG = Pattern.compile("[a-z0-9_]+");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z0-9_]+:[A-Za-z0-9_+-]+");

    private final String text;
    private final Expression<String> root;
    /** Where each tag first appears, for pointing at an unknown one. */
    private final Map<String, Integer> columns;

    private AudienceExpression(String text, Expression<String> root, Map<String, Integer> columns) {
        this.text = text;
        this.root = root;
        this.columns = Map.copyOf(columns);
    }

    /** @throws TagExpressionException with the column of the first mistake */
    public static AudienceExpression parse(String text) {
        Map<String, Integer> columns = new HashMap<>();
        Expression<String> root = ExpressionParser.parse(text, "a tag", parser -> {
            Token word = parser.next();
            String name = word.text();
            if (!TAG.matcher(name).matches() && !ATTRIBUTE.matcher(name).matches()) {
                throw parser.error(word, "'" + name + "' is not a tag: a tag is lower-case letters, digits and '_'"
                        + ", an attribute term is name:value");
            }
            columns.putIfAbsent(name, word.column());
            return name;
        });
        return new AudienceExpression(text, root, columns);
    }

    public String text() {
        return text;
    }

    public Expression<String> root() {
        return root;
    }

    /** The tags and attribute terms the expression reads, in order of first appearance. */
    public List<String> referencedTags() {
        return root.atoms();
    }

    /** The users in the audience; {@code tags} holds every known tag's bitmap. */
    public RoaringBitmap evaluate(Map<String, ? extends RoaringBitmap> tags, RoaringBitmap universe) {
        return evaluate(tags::get, tags.keySet(), universe);
    }

    /**
     * The users in the audience.
     *
     * @param resolver a tag's bitmap, or null for a tag that does not exist
     * @param knownTags the names offered when a tag is unknown
     * @param universe every user, the set {@code not} complements within
     * @throws TagExpressionException naming the unknown tag, its column and the closest known names
     */
    public RoaringBitmap evaluate(Function<String, RoaringBitmap> resolver, Collection<String> knownTags,
            RoaringBitmap universe) {
        Map<String, RoaringBitmap> resolved = new HashMap<>();
        for (String tag : referencedTags()) {
            RoaringBitmap bitmap = resolver.apply(tag);
            if (bitmap == null) {
                throw new TagExpressionException(text, columns.get(tag),
                        "unknown tag '" + tag + "'" + CloseNames.hint(tag, knownTags, "tag"));
            }
            resolved.put(tag, bitmap);
        }
        return root.evaluate(resolved::get, universe);
    }

    /** The expression printed with the fewest parentheses; it parses back to the same tree. */
    @Override
    public String toString() {
        return root.toString();
    }
}
