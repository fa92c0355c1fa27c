package io.pulse.stream.internal;

import java.util.Locale;

/** The two pieces of JSON the stream writes by hand (it has no JSON library): strings and numbers. */
public final class JsonText {

    private JsonText() {
    }

    /** A JSON string, or {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A double in shortest round-trip form; NaN and infinities as {@code null}. */
    public static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
