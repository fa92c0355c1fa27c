package io.pulse.ml;

import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A problem with a known non-linear signal: active when x1·x2 &gt; 0 (an XOR of signs, which no single
 * feature and no linear model separates), with 5% of labels flipped; n1 and n2 are noise, n2 partly
 * missing; "constant" is 0 everywhere, so no tree can split on it.
 */
record Synthetic(FeatureMatrix x, boolean[] active) {

    static final String[] NAMES = {"x1", "x2", "n1", "n2", "constant"};
    static final double FLIP = 0.05;

    static Synthetic generate(int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n * NAMES.length];
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            int at = i * NAMES.length;
            values[at] = x1;
            values[at + 1] = x2;
            values[at + 2] = random.nextGaussian();
            values[at + 3] = random.nextDouble() < 0.2 ? Double.NaN : random.nextDouble();
            values[at + 4] = 0;
            active[i] = (x1 * x2 > 0) != (random.nextDouble() < FLIP);
        }
        return new Synthetic(new FeatureMatrix(NAMES, n, values), active);
    }

    static ModelInfo info(long seed, String... features) {
        return new ModelInfo("xgboost", List.of(features), "x1·x2 > 0", 30, List.of(LocalDate.of(2024, 1, 1)),
                Map.of(), Map.of(), seed, "test", Instant.EPOCH);
    }

    static ModelInfo info(long seed) {
        return info(seed, NAMES);
    }
}
