package io.pulse.core.tags;

/** A comparison of a feature value with a threshold. A missing value (NaN) satisfies none, not even {@code !=}. */
public enum CompareOp {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /**
     * Whether {@code value op threshold} holds. NaN never does: "spent != 0" should not select the users
     * whose spend is unknown; ask for them with {@code is null}.
     */
    public boolean test(double value, double threshold) {
        if (Double.isNaN(value) || Double.isNaN(threshold)) {
            return false;
        }
        switch (this) {
            case GT:
                return value > threshold;
            case GE:
                return value >= threshold;
            case LT:
                return value < threshold;
            case LE:
                return value <= threshold;
            case EQ:
                return value == threshold;
            default:
                return value != threshold;
        }
    }

    static CompareOp of(String symbol) {
        for (CompareOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no comparison " + symbol);
    }
}
