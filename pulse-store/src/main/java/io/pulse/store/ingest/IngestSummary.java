package io.pulse.store.ingest;

import java.nio.file.Path;

/**
 * What an ingest did. {@code rowsRead = loaded + duplicates + rejected} always holds.
 *
 * @param rejectsFile the rejects file, or null when nothing was rejected
 * @param batchId     the batch recorded in {@code ingest_batches}, or 0 if nothing was committed
 */
public record IngestSummary(
        String source,
        String target,
        String mapping,
        long rowsRead,
        long loaded,
        long duplicates,
        long rejected,
        Path rejectsFile,
        long batchId,
        double seconds) {

    public double rowsPerSecond() {
        return seconds > 0 ? rowsRead / seconds : 0;
    }
}
