package io.pulse.store.ingest;

import io.pulse.core.PulseInputException;

import java.nio.file.Path;
import java.util.Locale;

/** The physical layouts Pulse reads. Any of them may be gzip-compressed ({@code .gz}). */
public enum SourceFormat {
    /** Delimited text, RFC 4180 quoting, any delimiter, with or without a header. */
    CSV,
    /** One JSON object per line. */
    JSONL,
    /** Apache Parquet. */
    PARQUET,
    /** Columns separated by runs of blanks, as in the CDNOW files. */
    WHITESPACE;

    public static SourceFormat parse(String name, String where) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PulseInputException(where, 0, "format",
                    "unknown format '" + name + "' (expected csv, jsonl, parquet or whitespace)");
        }
    }

    /** Guesses the format from the file name: .csv/.tsv/.txt, .jsonl/.ndjson/.json, .parquet. */
    public static SourceFormat fromFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        return CSV;
    }
}
