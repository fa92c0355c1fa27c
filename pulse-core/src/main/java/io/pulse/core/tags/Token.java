package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One lexical token of an audience or rule expression, with its 1-based column. */
record Token(Kind kind, String text, int column) {

    enum Kind { WORD, AND, OR, NOT, OPEN, CLOSE, COMPARE, END }

    boolean is(Kind k) {
        return kind == k;
    }

    /**
     * Splits an expression into tokens. A word is a run of letters, digits and {@code _ . : + -}; the
     * parsers decide whether it is a tag, an attribute term, a feature, a number or a percentile, so
     * their messages can say what was expected rather than only what character was odd.
     */
    static List<Token> lex(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", column));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", column));
                i++;
            } else if (c == '&' || c == '|') {
                if (i + 1 >= n || text.charAt(i + 1) != c) {
                    throw new TagExpressionException(text, column,
                            "write '" + c + c + "' or '" + (c == '&' ? "and" : "or") + "', not a single '" + c + "'");
                }
                tokens.add(new Token(c == '&' ? Kind.AND : Kind.OR, c == '&' ? "&&" : "||", column));
                i += 2;
            } else if (c == '!' || c == '<' || c == '>' || c == '=') {
                boolean equals = i + 1 < n && text.charAt(i + 1) == '=';
                if (c == '!' && !equals) {
                    tokens.add(new Token(Kind.NOT, "!", column));
                    i++;
                } else if (c == '=' && !equals) {
                    throw new TagExpressionException(text, column, "write '==' to compare, not '='");
                } else {
                    tokens.add(new Token(Kind.COMPARE, equals ? c + "=" : String.valueOf(c), column));
                    i += equals ? 2 : 1;
                }
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                String word = text.substring(start, i);
                tokens.add(new Token(keyword(word), word, column));
            } else {
                throw new TagExpressionException(text, column, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "", n + 1));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '+' || c == '-');
    }

    private static Kind keyword(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "and":
                return Kind.AND;
            case "or":
                return Kind.OR;
            case "not":
                return Kind.NOT;
            default:
                return Kind.WORD;
        }
    }
}
