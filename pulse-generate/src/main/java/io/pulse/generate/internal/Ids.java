package io.pulse.generate.internal;

/** The text form of generated identifiers, kept in one place so files and records agree. */
public final class Ids {

    private Ids() {
    }

    /** {@code e} and the base-36 counter: short, unique and in generation order. */
    public static String event(long seq) {
        return "e" + Long.toString(seq, 36);
    }

    /** {@code u000123}: zero-padded to six digits so ids sort like numbers in small stores. */
    public static String user(int index) {
        return padded('u', index, 6);
    }

    /** {@code i01234}. */
    public static String item(int index) {
        return padded('i', index, 5);
    }

    private static String padded(char prefix, int number, int width) {
        String digits = Integer.toString(number);
        StringBuilder id = new StringBuilder(width + 1).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }
}
