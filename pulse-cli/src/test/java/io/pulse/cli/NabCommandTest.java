package io.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.PulseInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pulse nab} on the NAB subset beside the repository (../shared/data/nab). */
class NabCommandTest {

    @TempDir
    Path dir;

    private static Path nab() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared/data/nab"))) {
                return d.resolve("shared/data/nab");
            }
        }
        throw new IllegalStateException("no shared/data/nab above the working directory");
    }

    @Test
    void windowedGaussianRunWritesPerFileRowsAndTotalsAsJson() throws IOException {
        Path out = dir.resolve("nab.json");
        int code = new CommandLine(new NabCommand()).execute("--data", nab().resolve("data").toString(),
                "--labels", nab().resolve("labels/combined_windows.json").toString(),
                "--detector", "windowed-gaussian", "--json", out.toString());
        assertThat(code).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.get("files").asInt()).isEqualTo(30);
        assertThat(j.get("windows").asInt()).isEqualTo(71);
        assertThat(j.get("corpus_wide").asBoolean()).isFalse();
        JsonNode standard = j.get("detector").get("profiles").get("standard");
        assertThat(standard.get("per_file")).hasSize(30);
        assertThat(standard.get("normalised_score").asDouble()).isBetween(25.0, 45.0);
        assertThat(j.get("peers").get(1).get("profiles").get("standard").get("normalised_score").asDouble()).isZero();
    }

    @Test
    void aMissingDataDirectoryOrUnknownDetectorIsAnInputError() {
        NabCommand c = new NabCommand();
        c.data = dir.resolve("nope");
        c.labels = nab().resolve("labels/combined_windows.json");
        c.detector = "pulse";
        assertThatThrownBy(c::call).isInstanceOf(PulseInputException.class);
        c.data = nab().resolve("data");
        c.detector = "htm";
        assertThatThrownBy(c::call).isInstanceOf(PulseInputException.class).hasMessageContaining("unknown detector");
    }
}
