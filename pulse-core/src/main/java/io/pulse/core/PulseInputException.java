package io.pulse.core;

import java.util.Optional;

/**
 * A mistake in what the user gave Pulse (a file, a flag, a request body), as opposed to a bug.
 * It says where (source, line, field) and why, so the CLI can print one line and exit with 2
 * and the server can answer 400.
 */
public class PulseInputException extends RuntimeException {

    private final String source;
    private final long line;
    private final String field;

    public PulseInputException(String source, long line, String field, String why) {
        super(why);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public PulseInputException(String why) {
        this(null, 0, null, why);
    }

    public PulseInputException(String source, String why) {
        this(source, 0, null, why);
    }

    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** 1-based line in the source, or 0 when the mistake is not tied to a line. */
    public long line() {
        return line;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** One line for a terminal: {@code file:line: field 'x': why}. */
    public String describe() {
        StringBuilder where = new StringBuilder();
        if (source != null) {
            where.append(source);
            if (line > 0) {
                where.append(':').append(line);
            }
            where.append(": ");
        }
        if (field != null) {
            where.append("field '").append(field).append("': ");
        }
        return where.append(getMessage()).toString();
    }
}
