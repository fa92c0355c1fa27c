package io.pulse.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

    @Test
    void theBarShowsShareRateAndTimeLeft() {
        // 250 of 1000 rows in 5 s: 25%, 50 rows/s, 750 rows left at 50/s = 15 s.
        assertThat(TerminalProgress.line("loading", 250, 1000, 5))
                .isEqualTo("loading [#######---------------------]  25%  50/s  ETA 15s  5s");
    }

    @Test
    void largeRatesAreShortened() {
        assertThat(TerminalProgress.rate(2_500_000)).isEqualTo("2.5M/s");
        assertThat(TerminalProgress.rate(45_000)).isEqualTo("45k/s");
    }

    @Test
    void nothingIsDrawnWhenNotOnATerminal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminalProgress quiet = new TerminalProgress(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        quiet.start("loading", 10);
        quiet.advance(5);
        quiet.done();
        assertThat(out.size()).isZero();
    }
}
