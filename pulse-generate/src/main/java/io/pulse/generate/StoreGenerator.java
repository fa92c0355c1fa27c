package io.pulse.generate;

import io.pulse.core.progress.Progress;
import io.pulse.generate.internal.CsvFiles;
import io.pulse.generate.internal.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Generates a realistic synthetic store: customers in behavioural segments with their own
 * rhythms, weekly and yearly seasonality, holidays and sales, slow drift, one-off external spikes
 * and lasting level shifts, together with the ground truth of what was planted.
 *
 * <p>Users are generated one at a time and their events go straight to the output, so memory
 * stays flat however many events are asked for. The same config always gives the same output,
 * byte for byte.
 */
public final class StoreGenerator {

    private StoreGenerator() {
    }

    /**
     * Writes {@code events.csv}, {@code users.csv}, {@code actions.csv}, {@code truth.json} and {@code tags.yaml}
     * into {@code outDir}
     * (created if missing; existing files of those names are replaced only once the new ones are complete).
     * Progress is reported in users.
     */
    public static GenerationSummary generate(GeneratorConfig config, Path outDir, Progress progress)
            throws IOException {
        try (CsvFiles files = new CsvFiles(outDir, config.start(), config.days())) {
            GenerationSummary summary;
            try {
                summary = generate(config, files, progress);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            files.commit();
            return summary.withFiles(files.path(CsvFiles.EVENTS), files.path(CsvFiles.USERS),
                    files.path(CsvFiles.TRUTH), files.path(CsvFiles.ACTIONS), files.path(CsvFiles.TAGS));
        }
    }

    /**
     * Streams users and events into {@code sink}, then hands it the {@link GroundTruth}. This is
     * the one code path; the file variant is this with a CSV sink. Progress is reported in users.
     */
    public static GenerationSummary generate(GeneratorConfig config, EventSink sink, Progress progress) {
        return Simulation.run(config, sink, progress);
    }
}
