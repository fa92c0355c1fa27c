package io.pulse.cli;

import io.pulse.store.PulseStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

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

    PulseConfig config() {
        return PulseConfig.load(config);
    }
}
