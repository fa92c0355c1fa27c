package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KMeansResultTest {

    private static final KMeansResult TWO = new KMeansResult(new int[0], new double[][] {{0, 1}, {10, 1}}, 0, 2, 1, 1, 1);

    @Test
    void aNewPointJoinsTheNearestCentroid() {
        assertThat(TWO.nearest(new double[] {2, 5})).isEqualTo(0);
        assertThat(TWO.nearest(new double[] {7, -3})).isEqualTo(1);
    }

    @Test
    void aPointHalfwayGoesToTheLowerIndex() {
        assertThat(TWO.nearest(new double[] {5, 1})).isEqualTo(0);
    }
}
