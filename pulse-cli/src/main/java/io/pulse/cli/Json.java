package io.pulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pulse.core.PulseInputException;
import io.pulse.server.PulseJson;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the stable JSON outputs in {@link PulseJson}'s shape (snake_case, ISO-8601 dates, lower-case enums), indented. */
final class Json {

    static final ObjectMapper MAPPER = PulseJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The same mapping on one line. */
    private static final ObjectMapper LINE = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /**
     * Where the human-readable output goes: standard error when the JSON goes to standard output (so
     * {@code pulse X --json | jq} reads clean JSON), else standard output.
     */
    static PrintStream humanOut(Path json) {
        return json != null && json.toString().equals("-") ? System.err : System.out;
    }

    /** One compact line of JSON, for JSON Lines output. */
    static String line(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code value} to {@code file}, or to standard output when the file is "-". */
    static void write(Path file, Object value) {
        try {
            String text = MAPPER.writeValueAsString(value) + "\n";
            if (file.toString().equals("-")) {
                System.out.print(text);
            } else {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot write JSON: " + e.getMessage());
        }
    }
}
