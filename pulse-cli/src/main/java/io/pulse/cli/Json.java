package io.pulse.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.pulse.core.PulseInputException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** Writes the stable JSON outputs: snake_case fields, ISO-8601 dates, lower-case enums. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("pulse")
                    .addSerializer(LocalDate.class, ToStringSerializer.instance)
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Path.class, ToStringSerializer.instance)
                    .addSerializer(Enum.class, new LowerCaseEnum()));
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

    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnum extends JsonSerializer<Enum> {
        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }
}
