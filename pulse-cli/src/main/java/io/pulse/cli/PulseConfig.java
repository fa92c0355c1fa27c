package io.pulse.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pulse.core.PulseInputException;
import io.pulse.core.activity.ActivityDefinition;
import io.pulse.core.activity.BenchmarkBand;
import io.pulse.core.event.EventTypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The one typed place for configuration (docs/config.md). Every key is optional; defaults just
 * work. Command-line flags override what the file says.
 */
record PulseConfig(
        @JsonProperty("event_types") List<String> eventTypes,
        @JsonProperty("activity") Activity activity,
        @JsonProperty("benchmark") Band benchmark,
        @JsonProperty("zone") String zone) {

    record Activity(@JsonProperty("types") List<String> types,
                    @JsonProperty("min_events") Integer minEvents,
                    @JsonProperty("min_browse_seconds") Double minBrowseSeconds) {
    }

    record Band(@JsonProperty("low") Double low, @JsonProperty("high") Double high) {
    }

    static PulseConfig defaults() {
        return new PulseConfig(List.of(), null, null, null);
    }

    static PulseConfig load(Path file) {
        if (file == null) {
            return defaults();
        }
        if (!Files.isRegularFile(file)) {
            throw new PulseInputException(file.toString(), "no such configuration file");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            if (Files.size(file) > 1 << 20) {
                throw new PulseInputException(file.toString(), "configuration is larger than 1 MiB");
            }
            PulseConfig c = yaml.readValue(file.toFile(), PulseConfig.class);
            return c == null ? defaults() : c;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PulseInputException(file.toString(), line, null, e.getOriginalMessage());
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    EventTypes types() {
        return EventTypes.standard().with(eventTypes == null ? List.of() : eventTypes);
    }

    ActivityDefinition definition() {
        if (activity == null) {
            return ActivityDefinition.DEFAULT;
        }
        return new ActivityDefinition(activity.types() == null ? Set.of() : Set.copyOf(activity.types()),
                activity.minEvents() == null ? 1 : activity.minEvents(),
                activity.minBrowseSeconds() == null ? 0 : activity.minBrowseSeconds());
    }

    BenchmarkBand band() {
        if (benchmark == null) {
            return BenchmarkBand.DEFAULT;
        }
        return new BenchmarkBand(benchmark.low() == null ? BenchmarkBand.DEFAULT.low() : benchmark.low(),
                benchmark.high() == null ? BenchmarkBand.DEFAULT.high() : benchmark.high());
    }

    ZoneId zoneId() {
        try {
            return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new PulseInputException("config", 0, "zone", "unknown time zone '" + zone + "'");
        }
    }
}
