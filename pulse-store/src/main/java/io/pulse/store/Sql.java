package io.pulse.store;

/** Quoting for the few names and constants that mapping files contribute to generated SQL. */
public final class Sql {

    private Sql() {
    }

    /** A string constant: single quotes doubled, so no text can end the literal. */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in SQL literal");
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** An identifier: double quotes doubled, so no name can end the identifier. */
    public static String identifier(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in SQL identifier");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
