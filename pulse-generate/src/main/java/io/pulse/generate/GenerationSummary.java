package io.pulse.generate;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a generation produced. {@code revenue} is the gross sum of purchase amounts (refunds are
 * not subtracted). The five paths are null when the events went to an {@link EventSink} rather
 * than to files. {@code usersBySegment} keeps the segments in their documented order.
 */
public record GenerationSummary(
        long users,
        long events,
        long purchases,
        double revenue,
        Path eventsFile,
        Path usersFile,
        Path truthFile,
        Path actionsFile,
        Path tagsFile,
        Map<String, Long> usersBySegment) {

    GenerationSummary withFiles(Path eventsFile, Path usersFile, Path truthFile, Path actionsFile,
                                Path tagsFile) {
        return new GenerationSummary(users, events, purchases, revenue, eventsFile, usersFile, truthFile,
                actionsFile, tagsFile, usersBySegment);
    }
}
