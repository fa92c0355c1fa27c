package io.pulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedMemoryTest {

    /** Enough users for about three million events: far more than 64 MB could hold as objects. */
    private static final int USERS = 20_000;

    @Test
    void threeMillionEventsStreamThroughA64MegabyteHeap(@TempDir Path dir) throws IOException, InterruptedException {
        Path output = dir.resolve("output.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m",
                "-cp", System.getProperty("java.class.path"),
                CountingSinkMain.class.getName(), Integer.toString(USERS))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output).trim();

        assertThat(finished).as("finished within two minutes").isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        long expected = CountingSinkMain.countEvents(GeneratorConfig.defaults().withUsers(USERS));
        assertThat(expected).isGreaterThan(2_500_000);
        assertThat(printed).isEqualTo("events=" + expected);
    }
}
