package io.pulse.store.ingest;

/** A row that did not load: where it was in the source (1-based line, or row for Parquet), why, and what it said. */
public record RejectedRow(long line, String reason, String content) {
}
