package io.pulse.core.anomaly;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/data/nab beside the repository by walking up from the working directory. */
final class NabTestData {

    private NabTestData() {
    }

    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/data/nab");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data/nab above " + Path.of("").toAbsolutePath());
    }
}
