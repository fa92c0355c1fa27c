package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;

/** Options every verb that touches the store shares. */
final class StoreOptions {

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "pulse.duckdb",
            description = "The store (an embedded DuckDB file). Default: ${DEFAULT-VALUE} in the working directory.")
    Path db;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML configuration (extra event types, activity definition, benchmark band, time zone).")
    Path config;

    PulseStore open() {
        return PulseStore.open(db);
    }

    /** {@code cutoff} when given, else the day of the store's last event; an empty store is a bad input. */
    LocalDate cutoffOrLastEventDay(PulseStore s, LocalDate cutoff) {
        if (cutoff != null) {
            return cutoff;
        }
        LocalDate last = FeatureTable.lastEventDay(s);
        if (last == null) {
            throw new PulseInputException(db.toString(),
                    "the store has no events: run 'pulse ingest FILE' first (or 'pulse demo')");
        }
        return last;
    }

    PulseConfig config() {
        return PulseConfig.load(config);
    }
}
