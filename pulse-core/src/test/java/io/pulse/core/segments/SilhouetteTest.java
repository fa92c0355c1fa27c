package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SilhouetteTest {

    private static final double[][] LINE = {{0}, {1}, {4}, {5}};
    private static final int[] PAIRS = {0, 0, 1, 1};

    @Test
    void fourPointsOnALineHaveMeanSilhouetteFortySevenSixtyThirds() {
        // point 0: a = 1, b = (4 + 5) / 2 = 4.5, s = 3.5 / 4.5 = 7/9; point 1: a = 1, b = 3.5, s = 5/7;
        // points 5 and 4 mirror them, so the mean is (7/9 + 5/7) / 2 = 47/63.
        assertThat(Silhouette.mean(LINE, PAIRS)).isCloseTo(47.0 / 63.0, within(1e-12));
    }

    @Test
    void aSampleAsLargeAsThePopulationGivesTheExactMean() {
        assertThat(Silhouette.mean(LINE, PAIRS, 10, 99)).isEqualTo(Silhouette.mean(LINE, PAIRS));
    }

    @Test
    void aPointAloneInItsClusterScoresZero() {
        // points 0 and 1 as above but against {5} only: s = 1 - 1/5 = 4/5 and 1 - 1/4 = 3/4; point 2 scores 0.
        double[][] points = {{0}, {1}, {5}};
        assertThat(Silhouette.mean(points, new int[] {0, 0, 1})).isCloseTo((0.8 + 0.75) / 3, within(1e-12));
    }

    @Test
    void theSameSeedDrawsTheSameSample() {
        double[][] points = new double[50][];
        int[] assignments = new int[50];
        for (int i = 0; i < 50; i++) {
            points[i] = new double[] {i * i % 17, i % 5};
            assignments[i] = i % 3;
        }
        assertThat(Silhouette.mean(points, assignments, 20, 5)).isEqualTo(Silhouette.mean(points, assignments, 20, 5));
    }
}
