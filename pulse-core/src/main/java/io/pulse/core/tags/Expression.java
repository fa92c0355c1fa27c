package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * A boolean expression over atoms (tag names for audiences, feature comparisons for rule tags), parsed
 * with the precedence not &gt; and &gt; or. Both kinds of expression share this tree so that the set
 * algebra over bitmaps, the per-user reference evaluation and the printing are written once.
 *
 * @param <A> the atom type
 */
public sealed interface Expression<A> {

    /**
     * The users for whom the expression holds: atoms become bitmaps, and/or intersect and unite, and
     * {@code not} complements within {@code universe}. The result is a new bitmap; the atoms' bitmaps
     * are not modified.
     */
    RoaringBitmap evaluate(Function<? super A, RoaringBitmap> atoms, RoaringBitmap universe);

    /** The truth of the expression for one user, given the truth of each atom: the reference for tests. */
    boolean test(Predicate<? super A> atom);

    /** Distinct atoms in order of first appearance. */
    default List<A> atoms() {
        Set<A> seen = new LinkedHashSet<>();
        collect(seen);
        return List.copyOf(new ArrayList<>(seen));
    }

    /** Adds the atoms to {@code into}, left to right; {@link #atoms()} is the usual way in. */
    void collect(Set<A> into);

    /** Binding strength for printing (or 0, and 1, not 2, atom 3): a looser child needs parentheses. */
    int precedence();

    private static String wrap(Expression<?> child, int parent) {
        return child.precedence() < parent ? "(" + child + ")" : child.toString();
    }

    record Atom<A>(A value) implements Expression<A> {
        @Override
        public RoaringBitmap evaluate(Function<? super A, RoaringBitmap> atoms, RoaringBitmap universe) {
            return atoms.apply(value).clone();
        }

        @Override
        public boolean test(Predicate<? super A> atom) {
            return atom.test(value);
        }

        @Override
        public void collect(Set<A> into) {
            into.add(value);
        }

        @Override
        public int precedence() {
            return 3;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    record Not<A>(Expression<A> operand) implements Expression<A> {
        @Override
        public RoaringBitmap evaluate(Function<? super A, RoaringBitmap> atoms, RoaringBitmap universe) {
            return RoaringBitmap.andNot(universe, operand.evaluate(atoms, universe));
        }

        @Override
        public boolean test(Predicate<? super A> atom) {
            return !operand.test(atom);
        }

        @Override
        public void collect(Set<A> into) {
            operand.collect(into);
        }

        @Override
        public int precedence() {
            return 2;
        }

        @Override
        public String toString() {
            return "not " + wrap(operand, 2);
        }
    }

    record And<A>(Expression<A> left, Expression<A> right) implements Expression<A> {
        @Override
        public RoaringBitmap evaluate(Function<? super A, RoaringBitmap> atoms, RoaringBitmap universe) {
            RoaringBitmap l = left.evaluate(atoms, universe);
            // "a and not b" is a difference: no complement of b within the universe is built.
            if (right instanceof Not<A> not) {
                l.andNot(not.operand().evaluate(atoms, universe));
            } else {
                l.and(right.evaluate(atoms, universe));
            }
            return l;
        }

        @Override
        public boolean test(Predicate<? super A> atom) {
            return left.test(atom) && right.test(atom);
        }

        @Override
        public void collect(Set<A> into) {
            left.collect(into);
            right.collect(into);
        }

        @Override
        public int precedence() {
            return 1;
        }

        @Override
        public String toString() {
            return wrap(left, 1) + " and " + wrap(right, 2);
        }
    }

    record Or<A>(Expression<A> left, Expression<A> right) implements Expression<A> {
        @Override
        public RoaringBitmap evaluate(Function<? super A, RoaringBitmap> atoms, RoaringBitmap universe) {
            RoaringBitmap l = left.evaluate(atoms, universe);
            l.or(right.evaluate(atoms, universe));
            return l;
        }

        @Override
        public boolean test(Predicate<? super A> atom) {
            return left.test(atom) || right.test(atom);
        }

        @Override
        public void collect(Set<A> into) {
            left.collect(into);
            right.collect(into);
        }

        @Override
        public int precedence() {
            return 0;
        }

        @Override
        public String toString() {
            return wrap(left, 0) + " or " + wrap(right, 1);
        }
    }
}
