package io.pulse.bench;

import io.pulse.core.progress.Progress;
import io.pulse.generate.GenerationSummary;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generated store a benchmark reads. Generating ten million events takes longer than loading
 * them, so the files are made once per config and reused while {@code generated-with.txt} in the
 * folder names the same config.
 */
record BenchData(Path events, Path users, GeneratorConfig config) {

    private static final String STAMP = "generated-with.txt";

    static BenchData prepare(Path dir, GeneratorConfig config, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        Path events = dir.resolve("events.csv");
        Path users = dir.resolve("users.csv");
        Path stamp = dir.resolve(STAMP);
        String wanted = config.toString();
        if (Files.isRegularFile(events) && Files.isRegularFile(users) && Files.isRegularFile(stamp)
                && Files.readString(stamp).strip().equals(wanted)) {
            log.printf("reusing %s (%s)%n", events, wanted);
        } else {
            log.printf("generating %s into %s ...%n", wanted, dir);
            long t = System.nanoTime();
            GenerationSummary s = StoreGenerator.generate(config, dir, Progress.NONE);
            Files.writeString(stamp, wanted + "\n");
            log.printf("generated %,d events of %,d users in %.1f s%n", s.events(), s.users(),
                    (System.nanoTime() - t) / 1e9);
        }
        log.printf("events.csv: %,d bytes%n", Files.size(events));
        return new BenchData(events, users, config);
    }
}
