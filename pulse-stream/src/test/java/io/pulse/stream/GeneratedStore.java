package io.pulse.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.progress.Progress;
import io.pulse.generate.Campaigns;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A store from {@code pulse generate} and what was planted in it, read back from truth.json. */
record GeneratedStore(Path events, List<PlantedSpike> spikes, List<PlantedShift> shifts) {

    record PlantedSpike(String item, String source, Instant start, Instant end, long visitors) {
    }

    record PlantedShift(String item, LocalDate from, double factor) {
    }

    static GeneratedStore generate(GeneratorConfig config, Path dir) throws IOException {
        StoreGenerator.generate(config, dir, Progress.NONE);
        return read(dir);
    }

    /** A store already generated into {@code dir}. */
    static GeneratedStore read(Path dir) throws IOException {
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
        List<PlantedSpike> spikes = new ArrayList<>();
        for (JsonNode s : truth.get("spikes")) {
            spikes.add(new PlantedSpike(s.get("item_id").asText(), s.get("source").asText(),
                    Instant.parse(s.get("start").asText()), Instant.parse(s.get("end").asText()),
                    s.get("visitors").asLong()));
        }
        List<PlantedShift> shifts = new ArrayList<>();
        for (JsonNode s : truth.get("level_shifts")) {
            shifts.add(new PlantedShift(s.get("item_id").asText(), LocalDate.parse(s.get("from").asText()),
                    s.get("factor").asDouble()));
        }
        return new GeneratedStore(dir.resolve("events.csv"), spikes, shifts);
    }

    /** The store of the end-to-end test: half a year, more spikes than the default rate, four level shifts. */
    static GeneratorConfig testConfig(int users) {
        return new GeneratorConfig(users, 180, 7, LocalDate.of(2025, 1, 1), 10.0, 4, Campaigns.disabled());
    }
}
