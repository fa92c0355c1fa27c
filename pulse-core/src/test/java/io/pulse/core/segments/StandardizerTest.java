package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void aColumnIsCentredAndScaledByItsPopulationStandardDeviation() {
        // 1, 2, 3: mean 2, population sd √(2/3), so z = ∓√1.5.
        double[][] z = Standardizer.fitTransform(new double[][] {{1}, {2}, {3}}, new boolean[] {false});
        assertThat(z[0][0]).isCloseTo(-Math.sqrt(1.5), within(1e-12));
        assertThat(z[1][0]).isCloseTo(0, within(1e-12));
        assertThat(z[2][0]).isCloseTo(Math.sqrt(1.5), within(1e-12));
    }

    @Test
    void log1pIsAppliedBeforeTheZScore() {
        // log1p(0) = 0, log1p(e - 1) = 1: mean 0.5, sd 0.5, so z = -1 and 1.
        double[][] z = Standardizer.fitTransform(new double[][] {{0}, {Math.E - 1}}, new boolean[] {true});
        assertThat(z[0][0]).isCloseTo(-1, within(1e-12));
        assertThat(z[1][0]).isCloseTo(1, within(1e-12));
    }

    @Test
    void aConstantColumnIsLeftAtZero() {
        double[][] z = Standardizer.fitTransform(new double[][] {{4, 1}, {4, 3}}, new boolean[] {false, false});
        assertThat(z[0][0]).isZero();
        assertThat(z[1][0]).isZero();
        assertThat(z[1][1]).isCloseTo(1, within(1e-12));
    }
}
