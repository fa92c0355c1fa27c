package io.pulse.generate;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a generation produced. {@code revenue} is the gross sum of purchase amounts (refunds are
 * not subtracted). The four paths are null when the events went to an {@link EventSink} rather
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
        Map<String, Long> usersBySegment) {

    GenerationSummary withFiles(Path eventsFile, Path usersFile, Path truthFile, Path actionsFile) {
        return new GenerationSummary(users, events, purchases, revenue, eventsFile, usersFile, truthFile,
                actionsFile, usersBySegment);
    }
}
