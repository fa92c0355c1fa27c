package io.pulse.ml.internal;

import io.pulse.core.prediction.FeatureMatrix;
import java.util.List;

/** A {@link FeatureMatrix} in the layout XGBoost reads: the model's columns only, row-major, as floats. */
public final class XgbRows {

    private XgbRows() {
    }

    /**
     * The columns named {@code features}, in that order, wherever they sit in {@code x}. NaN stays NaN,
     * which the matrices of {@link Native} take as missing. XGBoost works in single precision, so the
     * narrowing loses nothing the trees could use.
     */
    public static float[] select(FeatureMatrix x, List<String> features) {
        int[] source = columns(x, features);
        int n = x.rows();
        int d = x.columns();
        int k = source.length;
        double[] values = x.values();
        float[] out = new float[Math.multiplyExact(n, k)];
        for (int r = 0; r < n; r++) {
            int from = r * d;
            int to = r * k;
            for (int j = 0; j < k; j++) {
                out[to + j] = (float) values[from + source[j]];
            }
        }
        return out;
    }

    private static int[] columns(FeatureMatrix x, List<String> features) {
        int[] source = new int[features.size()];
        for (int j = 0; j < source.length; j++) {
            source[j] = x.column(features.get(j));
            if (source[j] < 0) {
                throw new IllegalArgumentException("the rows have no column '" + features.get(j)
                        + "' (they have " + String.join(", ", x.names()) + ")");
            }
        }
        return source;
    }
}
