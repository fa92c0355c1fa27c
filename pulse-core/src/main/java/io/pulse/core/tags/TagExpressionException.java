package io.pulse.core.tags;

import io.pulse.core.PulseInputException;

/**
 * A mistake in an audience or rule expression: what is wrong and where, with the expression reprinted
 * and a caret under the column, so the user sees the spot rather than counting characters.
 */
public final class TagExpressionException extends PulseInputException {

    private final String expression;
    private final int column;
    private final String reason;

    /** @param column 1-based; one past the end points at a missing tail */
    public TagExpressionException(String expression, int column, String reason) {
        super(null, 0, "expression", reason + " at column " + column + "\n  " + expression + "\n  "
                + " ".repeat(Math.max(0, column - 1)) + "^");
        this.expression = expression;
        this.column = column;
        this.reason = reason;
    }

    public String expression() {
        return expression;
    }

    /** 1-based column of the mistake. */
    public int column() {
        return column;
    }

    /** The mistake without the position, e.g. "expected a tag after 'and'". */
    public String reason() {
        return reason;
    }
}
