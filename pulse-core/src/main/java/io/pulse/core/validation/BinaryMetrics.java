package io.pulse.core.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * How well probabilities p predict a yes/no label y, on rows the model was not trained on.
 *
 * @param n number of rows
 * @param positiveRate share of rows with y true
 * @param accuracy share of rows where (p >= 0.5) equals y
 * @param rocAuc probability that a random positive scores above a random negative, a tie counting
 *     half (Mann-Whitney U / (P N)); NaN with one class only
 * @param prAuc average precision as scikit-learn's {@code average_precision_score}: the sum over
 *     distinct scores, from the highest, of (R_k - R_{k-1}) P_k; tied scores are one threshold. NaN
 *     without positives
 * @param logLoss mean of -ln p (y true) or -ln(1 - p) (y false), p clipped to [1e-15, 1 - 1e-15]
 * @param brier mean of (p - y)²
 * @param calibration ten equal-width bins of p; bins without rows are left out
 */
public record BinaryMetrics(long n, double positiveRate, double accuracy, double rocAuc, double prAuc, double logLoss,
        double brier, List<CalibrationBin> calibration) {

    static final int CALIBRATION_BINS = 10;

    public BinaryMetrics {
        calibration = List.copyOf(calibration);
    }

    /** @throws IllegalArgumentException when the lengths differ, no row is given or some p is not in [0, 1] */
    public static BinaryMetrics of(double[] p, boolean[] y) {
        RankedScores.Figures f = new RankedScores(p, y).figures();
        return new BinaryMetrics(f.n(), f.positiveRate(), f.accuracy(), f.rocAuc(), f.prAuc(), f.logLoss(),
                f.brier(), calibration(p, y));
    }

    private static List<CalibrationBin> calibration(double[] p, boolean[] y) {
        long[] count = new long[CALIBRATION_BINS];
        double[] predicted = new double[CALIBRATION_BINS];
        long[] active = new long[CALIBRATION_BINS];
        for (int i = 0; i < p.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p[i] * CALIBRATION_BINS));
            count[bin]++;
            predicted[bin] += p[i];
            if (y[i]) {
                active[bin]++;
            }
        }
        List<CalibrationBin> bins = new ArrayList<>();
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (count[b] > 0) {
                bins.add(new CalibrationBin((double) b / CALIBRATION_BINS, (double) (b + 1) / CALIBRATION_BINS,
                        count[b], predicted[b] / count[b], (double) active[b] / count[b]));
            }
        }
        return bins;
    }
}
