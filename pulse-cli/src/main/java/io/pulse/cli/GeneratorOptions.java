package io.pulse.cli;

import io.pulse.generate.GeneratorConfig;
import picocli.CommandLine.Option;

import java.time.LocalDate;

/** The size, length, seed and start of a generated store, shared by generate and demo. */
final class GeneratorOptions {

    @Option(names = "--users", defaultValue = "20000", description = "Customers to simulate (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--days", defaultValue = "365", description = "Days of history (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "DATE", description = "First day, yyyy-MM-dd (default 2025-01-01).")
    LocalDate start;

    GeneratorConfig config() {
        GeneratorConfig c = GeneratorConfig.defaults().withUsers(users).withDays(days).withSeed(seed);
        return start == null ? c
                : new GeneratorConfig(c.users(), c.days(), c.seed(), start, c.spikeRate(), c.levelShifts());
    }
}
