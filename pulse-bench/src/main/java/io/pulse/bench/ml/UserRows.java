package io.pulse.bench.ml;

import io.pulse.core.prediction.FeatureMatrix;
import java.util.SplittableRandom;

/**
 * Synthetic per-user feature rows shaped like Pulse's feature table: columns cycle through six kinds
 * (event counts, order value, days since an event, a share, tenure, a 0/1 flag). Counts and money are
 * right-skewed (log-normal, as order values are); order value is missing for users without orders and
 * days-since for users who never did the thing, about a fifth of each. A latent engagement per user
 * drives counts and recency, and the label is drawn from a logistic model of a few columns with an
 * interaction, so the trees have real structure to find and the AUC lands well inside (0.5, 1).
 *
 * @param values row-major, {@code rows × names.length}, NaN missing
 */
record UserRows(String[] names, int rows, double[] values, boolean[] active) {

    static final String[] KINDS = {"events", "order_value", "days_since", "share", "tenure_days", "flag"};

    FeatureMatrix matrix() {
        return new FeatureMatrix(names, rows, values);
    }

    static UserRows generate(int rows, int cols, long seed) {
        if (cols < KINDS.length) {
            throw new IllegalArgumentException("--cols must be at least " + KINDS.length + " (one of each kind)");
        }
        String[] names = new String[cols];
        for (int j = 0; j < cols; j++) {
            names[j] = KINDS[j % KINDS.length] + "_" + j;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.multiplyExact(rows, cols)];
        boolean[] active = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            double engagement = random.nextGaussian();
            boolean buyer = random.nextDouble() < 0.8;
            int at = i * cols;
            for (int j = 0; j < cols; j++) {
                values[at + j] = switch (j % KINDS.length) {
                    case 0 -> Math.floor(3 * Math.exp(engagement + 0.7 * random.nextGaussian()));
                    case 1 -> buyer ? Math.exp(3.5 + 1.2 * random.nextGaussian()) : Double.NaN;
                    case 2 -> random.nextDouble() < 0.2 ? Double.NaN
                            : Math.floor(365 / (1 + Math.exp(engagement + random.nextGaussian())));
                    case 3 -> Math.pow(random.nextDouble(), 2);
                    case 4 -> 1 + random.nextInt(1000);
                    default -> random.nextDouble() < 0.3 ? 1 : 0;
                };
            }
            double days = Double.isNaN(values[at + 2]) ? 400 : values[at + 2];
            double money = Double.isNaN(values[at + 1]) ? 0 : Math.log1p(values[at + 1]);
            double logit = -1 + 0.9 * Math.log1p(values[at]) - 0.008 * days + 0.1 * money
                    + 1.5 * values[at + 5] * (values[at + 3] > 0.5 ? 1 : -1);
            active[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
        }
        return new UserRows(names, rows, values, active);
    }
}
