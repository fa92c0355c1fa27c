package io.pulse.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The one JSON shape of Pulse's outputs, for the CLI's {@code --json} files and the API alike: snake_case fields
 * from records, ISO-8601 dates and instants, lower-case enums.
 */
public final class PulseJson {

    private PulseJson() {
    }

    /** A new mapper with the shape (compact; the CLI indents its copy). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new SimpleModule("pulse")
                        .addSerializer(LocalDate.class, ToStringSerializer.instance)
                        .addSerializer(Instant.class, ToStringSerializer.instance)
                        .addSerializer(Path.class, ToStringSerializer.instance)
                        .addSerializer(Enum.class, new LowerCaseEnum()));
    }

    private static final ObjectMapper COMPACT = mapper();

    /** {@code value} as one line of JSON. */
    public static String text(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of " + value.getClass(), e);
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
