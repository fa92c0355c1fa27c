package io.pulse.bench.tags;

import io.pulse.core.tags.AudienceExpression;
import io.pulse.core.tags.Expression;
import java.util.BitSet;
import java.util.Map;

/**
 * The peers of {@link AudienceExpression#evaluate}: the same parsed expression evaluated as set algebra on
 * uncompressed {@link BitSet}s, and user by user over {@code boolean[]} columns, the way a query without any
 * index would run.
 */
final class AudiencePeers {

    private AudiencePeers() {
    }

    /** Users in the audience, by BitSet and/or/andNot; {@code not} complements within the first {@code users}. */
    static BitSet evaluate(Expression<String> e, Map<String, BitSet> tags, int users) {
        if (e instanceof Expression.Atom<String> atom) {
            return (BitSet) tags.get(atom.value()).clone();
        }
        if (e instanceof Expression.Not<String> not) {
            BitSet all = new BitSet(users);
            all.set(0, users);
            all.andNot(evaluate(not.operand(), tags, users));
            return all;
        }
        if (e instanceof Expression.And<String> and) {
            BitSet left = evaluate(and.left(), tags, users);
            if (and.right() instanceof Expression.Not<String> not) {
                left.andNot(evaluate(not.operand(), tags, users));
            } else {
                left.and(evaluate(and.right(), tags, users));
            }
            return left;
        }
        Expression.Or<String> or = (Expression.Or<String>) e;
        BitSet left = evaluate(or.left(), tags, users);
        left.or(evaluate(or.right(), tags, users));
        return left;
    }

    /** A user-by-user test, compiled once per query so the loop does no lookups by name. */
    interface UserTest {
        boolean test(int user);
    }

    static UserTest compile(Expression<String> e, Map<String, boolean[]> columns) {
        if (e instanceof Expression.Atom<String> atom) {
            boolean[] column = columns.get(atom.value());
            return u -> column[u];
        }
        if (e instanceof Expression.Not<String> not) {
            UserTest operand = compile(not.operand(), columns);
            return u -> !operand.test(u);
        }
        if (e instanceof Expression.And<String> and) {
            UserTest left = compile(and.left(), columns);
            UserTest right = compile(and.right(), columns);
            return u -> left.test(u) && right.test(u);
        }
        Expression.Or<String> or = (Expression.Or<String>) e;
        UserTest left = compile(or.left(), columns);
        UserTest right = compile(or.right(), columns);
        return u -> left.test(u) || right.test(u);
    }

    /** The audience size by testing every user. */
    static int count(UserTest test, int users) {
        int n = 0;
        for (int u = 0; u < users; u++) {
            if (test.test(u)) {
                n++;
            }
        }
        return n;
    }
}
