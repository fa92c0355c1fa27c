package io.pulse.core.tags;

import io.pulse.core.tags.Token.Kind;
import java.util.List;

/**
 * Recursive descent over the shared grammar, with the atom left to the caller:
 * <pre>
 *   or    := and ( ("or" | "||") and )*
 *   and   := unary ( ("and" | "&amp;&amp;") unary )*
 *   unary := ("not" | "!") unary | "(" or ")" | atom
 * </pre>
 * and/or associate to the left. Every error names what was expected and after which token.
 */
final class ExpressionParser<A> {

    /** Reads one atom starting at the cursor's current token, which is a word. */
    interface AtomReader<A> {
        A read(ExpressionParser<A> parser);
    }

    private final String text;
    private final List<Token> tokens;
    private final String atomNoun;
    private final AtomReader<A> atoms;
    private int position;

    private ExpressionParser(String text, String atomNoun, AtomReader<A> atoms) {
        this.text = text;
        this.tokens = Token.lex(text);
        this.atomNoun = atomNoun;
        this.atoms = atoms;
    }

    /** @param atomNoun how errors name an atom, e.g. "a tag" */
    static <A> Expression<A> parse(String text, String atomNoun, AtomReader<A> atoms) {
        ExpressionParser<A> parser = new ExpressionParser<>(text, atomNoun, atoms);
        if (parser.peek().is(Kind.END)) {
            throw parser.error(parser.peek(), "expected " + atomNoun + ", got an empty expression");
        }
        Expression<A> root = parser.or();
        Token rest = parser.peek();
        if (rest.is(Kind.CLOSE)) {
            throw parser.error(rest, "')' closes no '('");
        }
        if (!rest.is(Kind.END)) {
            throw parser.error(rest, "expected 'and', 'or' or the end after '" + parser.previous().text()
                    + "', got '" + rest.text() + "'");
        }
        return root;
    }

    private Expression<A> or() {
        Expression<A> left = and();
        while (peek().is(Kind.OR)) {
            next();
            left = new Expression.Or<>(left, and());
        }
        return left;
    }

    private Expression<A> and() {
        Expression<A> left = unary();
        while (peek().is(Kind.AND)) {
            next();
            left = new Expression.And<>(left, unary());
        }
        return left;
    }

    private Expression<A> unary() {
        Token token = peek();
        if (token.is(Kind.NOT)) {
            next();
            return new Expression.Not<>(unary());
        }
        if (token.is(Kind.OPEN)) {
            next();
            Expression<A> inner = or();
            Token close = peek();
            if (!close.is(Kind.CLOSE)) {
                throw error(close, "expected ')' to close the '(' at column " + token.column()
                        + (close.is(Kind.END) ? "" : ", got '" + close.text() + "'"));
            }
            next();
            return inner;
        }
        if (!token.is(Kind.WORD)) {
            throw error(token, "expected " + atomNoun + (position == 0 ? "" : " after '" + previous().text() + "'")
                    + (token.is(Kind.END) ? "" : ", got '" + token.text() + "'"));
        }
        return new Expression.Atom<>(atoms.read(this));
    }

    Token peek() {
        return tokens.get(position);
    }

    Token next() {
        return tokens.get(position++);
    }

    Token previous() {
        return tokens.get(position - 1);
    }

    TagExpressionException error(Token at, String reason) {
        return new TagExpressionException(text, at.column(), reason);
    }
}
