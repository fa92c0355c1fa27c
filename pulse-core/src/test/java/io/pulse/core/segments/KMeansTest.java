package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {

    private static final double[][] SQUARE = {{0, 0}, {0, 2}, {10, 0}, {10, 2}};

    @Test
    void twoPairsGiveCentroidsAtTheirMidpointsAndInertiaFour() {
        KMeansResult result = KMeans.fit(SQUARE, 2, 42);
        // centroids (0,1) and (10,1); each point is 1 away from its centroid, so inertia = 4 × 1² = 4.
        assertThat(result.inertia()).isCloseTo(4.0, within(1e-12));
        assertThat(result.assignments()[0]).isEqualTo(result.assignments()[1]);
        assertThat(result.assignments()[2]).isEqualTo(result.assignments()[3]);
        assertThat(result.assignments()[0]).isNotEqualTo(result.assignments()[2]);
        assertThat(result.centroids()[result.assignments()[0]]).containsExactly(0, 1);
        assertThat(result.centroids()[result.assignments()[2]]).containsExactly(10, 1);
        assertThat(result.k()).isEqualTo(2);
        assertThat(result.seed()).isEqualTo(42);
    }

    @Test
    void inertiaSumsSquaredDistancesToTheAssignedCentroid() {
        // all four points on centroid (5,1): 26 + 26 + 26 + 26 = 104.
        assertThat(KMeans.inertia(SQUARE, new double[][] {{5, 1}}, new int[] {0, 0, 0, 0}))
                .isCloseTo(104.0, within(1e-12));
    }

    @Test
    void theSameSeedGivesTheSameClustering() {
        double[][] points = randomPoints(300, 3, 7);
        KMeansResult first = KMeans.fit(points, 4, 123);
        KMeansResult second = KMeans.fit(points, 4, 123);
        assertThat(second.assignments()).containsExactly(first.assignments());
        assertThat(second.inertia()).isEqualTo(first.inertia());
        assertThat(second.centroids()).isDeepEqualTo(first.centroids());
    }

    @Test
    void kEqualToTheNumberOfPointsHasZeroInertia() {
        assertThat(KMeans.fit(SQUARE, 4, 1).inertia()).isZero();
    }

    @Test
    void theChooserPicksThreeForThreeWellSeparatedBlobsAndRecoversThem() {
        double[][] points = new double[12][];
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        double[][] offsets = {{-0.5, -0.5}, {-0.5, 0.5}, {0.5, -0.5}, {0.5, 0.5}};
        for (int b = 0; b < 3; b++) {
            for (int o = 0; o < 4; o++) {
                points[4 * b + o] = new double[] {centres[b][0] + offsets[o][0], centres[b][1] + offsets[o][1]};
            }
        }
        KChoice choice = KChooser.choose(points, 2, 5, 2024);
        assertThat(choice.k()).isEqualTo(3);
        assertThat(choice.ks()).containsExactly(2, 3, 4, 5);
        int[] a = choice.best().assignments();
        for (int b = 0; b < 3; b++) {
            for (int o = 1; o < 4; o++) {
                assertThat(a[4 * b + o]).isEqualTo(a[4 * b]);
            }
        }
        assertThat(a[0]).isNotEqualTo(a[4]);
        assertThat(a[0]).isNotEqualTo(a[8]);
        assertThat(a[4]).isNotEqualTo(a[8]);
        // each point is √0.5 from its blob centre: inertia = 12 × 0.5 = 6.
        assertThat(choice.best().inertia()).isCloseTo(6.0, within(1e-9));
    }

    private static double[][] randomPoints(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][d];
        for (double[] p : points) {
            for (int j = 0; j < d; j++) {
                p[j] = random.nextDouble();
            }
        }
        return points;
    }
}
