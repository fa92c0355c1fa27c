package io.pulse.store.ingest;

import io.pulse.core.event.EventTypes;
import io.pulse.core.progress.Progress;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to ingest.
 *
 * @param input    the file (CSV, JSON Lines, Parquet; plain or .gz)
 * @param mapping  how its columns become the canonical schema
 * @param rejects  where rejected rows go; null for {@code <input>.rejects.csv}
 * @param types    the event types the store accepts
 * @param progress where to report progress
 */
public record IngestRequest(Path input, Mapping mapping, Path rejects, EventTypes types, Progress progress) {

    public IngestRequest {
        Objects.requireNonNull(input, "input");
        mapping = mapping == null ? Mapping.canonical() : mapping;
        types = types == null ? EventTypes.standard() : types;
        progress = progress == null ? Progress.NONE : progress;
    }

    public static IngestRequest of(Path input, Mapping mapping) {
        return new IngestRequest(input, mapping, null, null, null);
    }

    public Path rejectsFile() {
        return rejects != null ? rejects : input.resolveSibling(input.getFileName() + ".rejects.csv");
    }
}
