package io.pulse.core.prediction;

import io.pulse.core.PulseInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * L2-regularised logistic regression, the transparent baseline for activity prediction.
 *
 * <p>Each feature is imputed with its training median where missing (NaN) and standardised with the
 * training mean and population standard deviation; a constant column standardises to 0 and so keeps a
 * zero coefficient. The fit minimises the penalised negative log-likelihood
 * <pre>  f(b0, b) = sum_i [ln(1 + exp(eta_i)) - y_i eta_i] + lambda/2 |b|²,  eta_i = b0 + b·z_i</pre>
 * (scikit-learn's {@code C} is 1/lambda; the intercept b0 is not penalised). Penalising the
 * standardised coefficients treats every feature alike whatever its unit, and keeps the fit finite
 * when the classes are separable.
 *
 * <p>f is strictly convex, so Newton's method (IRLS) converges in a handful of iterations: each builds
 * the gradient and X'WX + lambda I in one pass over the primitive rows, O(n d²), solves by Cholesky,
 * and halves the step until f does not rise (beyond rounding). It stops when every gradient component
 * is below 1e-9 n.
 */
public final class LogisticRegression implements ModelTrainer {

    public static final String KIND = "logistic";
    public static final double DEFAULT_LAMBDA = 1.0;
    static final String MEASURE = "abs_std_coef";
    static final double GRADIENT_TOLERANCE = 1e-9;
    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_HALVINGS = 50;
    /**
     * A rise in f this small, relative to f, is rounding in a sum over n rows, not a bad step. Near the
     * optimum a Newton step lowers f by g'H⁻¹g/2, which falls below f's resolution well before the
     * gradient reaches its tolerance; comparing f exactly would then reject good steps at random.
     */
    private static final double ROUNDING = 1e-12;
    /** "LOGR": the first four bytes of every stored model, so a wrong blob fails loudly. */
    private static final int MAGIC = 0x4C4F4752;
    private static final int FORMAT_VERSION = 1;

    private final double lambda;

    public LogisticRegression() {
        this(DEFAULT_LAMBDA);
    }

    /** @param lambda the L2 penalty on standardised coefficients, positive */
    public LogisticRegression(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be positive and finite, got " + lambda);
        }
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Fitted fit(FeatureMatrix x, boolean[] active, ModelInfo info) {
        if (active.length != x.rows()) {
            throw new IllegalArgumentException(x.rows() + " rows but " + active.length + " labels");
        }
        int positives = 0;
        for (boolean a : active) {
            positives += a ? 1 : 0;
        }
        if (positives == 0 || positives == active.length) {
            throw new PulseInputException("the training rows hold " + positives + " active and "
                    + (active.length - positives) + " inactive users; a model needs both");
        }
        int[] columns = columns(x, info.features());
        double[] medians = new double[columns.length];
        double[] means = new double[columns.length];
        double[] sds = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            double[] column = imputedColumn(x, columns[j], medians, j);
            moments(column, means, sds, j);
        }
        Scaling scaling = new Scaling(x, columns, medians, means, sds);
        double[] beta = newton(scaling, active);
        Map<String, String> parameters = new HashMap<>(info.parameters());
        parameters.put("lambda", Double.toString(lambda));
        ModelInfo described = new ModelInfo(info.kind(), info.features(), info.label(), info.horizonDays(),
                info.cutoffs(), parameters, info.metrics(), info.seed(), info.pulseVersion(), info.trainedAt());
        return new Fitted(described, medians, means, sds, Arrays.copyOfRange(beta, 1, beta.length), beta[0]);
    }

    @Override
    public Fitted load(byte[] state, ModelInfo info) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
                throw new IllegalArgumentException("not a stored logistic regression of format " + FORMAT_VERSION);
            }
            int d = in.readInt();
            List<String> names = new ArrayList<>(d);
            double[][] columns = new double[4][d];
            for (int j = 0; j < d; j++) {
                names.add(in.readUTF());
                for (double[] column : columns) {
                    column[j] = in.readDouble();
                }
            }
            double intercept = in.readDouble();
            if (!names.equals(info.features())) {
                throw new IllegalArgumentException("the stored model reads " + names + " but its info lists "
                        + info.features());
            }
            return new Fitted(info, columns[0], columns[1], columns[2], columns[3], intercept);
        } catch (IOException e) {
            throw new UncheckedIOException("truncated logistic regression state", e);
        }
    }

    /**
     * A fitted model; coefficients are per standardised feature, in the order of {@code info.features()}.
     *
     * @param medians training median of each feature, which replaces NaN
     * @param means training mean of each (imputed) feature
     * @param sds training population standard deviation of each feature, 0 for a constant one
     * @param coefficients the change in log-odds per training standard deviation of each feature
     * @param intercept the log-odds of a row at the training means
     */
    public record Fitted(ModelInfo info, double[] medians, double[] means, double[] sds, double[] coefficients,
            double intercept) implements ActivityModel {

        @Override
        public double[] predict(FeatureMatrix x) {
            Scaling scaling = new Scaling(x, columns(x, info.features()), medians, means, sds);
            double[] z = new double[coefficients.length + 1];
            double[] beta = new double[coefficients.length + 1];
            beta[0] = intercept;
            System.arraycopy(coefficients, 0, beta, 1, coefficients.length);
            double[] p = new double[x.rows()];
            for (int i = 0; i < p.length; i++) {
                scaling.row(i, z);
                p[i] = sigmoid(dot(beta, z));
            }
            return p;
        }

        @Override
        public List<FeatureImportance> explain(int top) {
            List<FeatureImportance> all = new ArrayList<>();
            for (int j = 0; j < coefficients.length; j++) {
                all.add(new FeatureImportance(info.features().get(j), Math.abs(coefficients[j]), MEASURE));
            }
            all.sort(Comparator.comparingDouble(FeatureImportance::importance).reversed());
            return List.copyOf(all.subList(0, Math.min(top, all.size())));
        }

        @Override
        public byte[] toBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT_VERSION);
                out.writeInt(coefficients.length);
                for (int j = 0; j < coefficients.length; j++) {
                    out.writeUTF(info.features().get(j));
                    out.writeDouble(medians[j]);
                    out.writeDouble(means[j]);
                    out.writeDouble(sds[j]);
                    out.writeDouble(coefficients[j]);
                }
                out.writeDouble(intercept);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    /** Reads row i of the matrix as (1, z_1..z_d): imputed, standardised, constant columns 0. */
    private record Scaling(FeatureMatrix x, int[] columns, double[] medians, double[] means, double[] sds) {

        void row(int i, double[] z) {
            int offset = i * x.columns();
            double[] values = x.values();
            z[0] = 1;
            for (int j = 0; j < columns.length; j++) {
                double v = values[offset + columns[j]];
                z[j + 1] = sds[j] == 0 ? 0 : ((Double.isNaN(v) ? medians[j] : v) - means[j]) / sds[j];
            }
        }
    }

    /** Minimises f from 0 by Newton's method with step halving; returns (b0, b_1..b_d). */
    private double[] newton(Scaling scaling, boolean[] y) {
        int k = scaling.columns().length + 1;
        int n = y.length;
        double[] beta = new double[k];
        double[] gradient = new double[k];
        double[] hessian = new double[k * k];
        double[] trial = new double[k];
        double value = derivatives(scaling, y, beta, gradient, hessian);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (maxAbs(gradient) <= GRADIENT_TOLERANCE * n) {
                break;
            }
            double[] step = solve(hessian, gradient, k);
            double t = 1;
            int halvings = 0;
            for (; halvings < MAX_HALVINGS; halvings++, t /= 2) {
                for (int j = 0; j < k; j++) {
                    trial[j] = beta[j] - t * step[j];
                }
                if (objective(scaling, y, trial) <= value + ROUNDING * Math.abs(value)) {
                    break;
                }
            }
            if (halvings == MAX_HALVINGS || Arrays.equals(trial, beta)) {
                break; // no descent left at machine precision
            }
            System.arraycopy(trial, 0, beta, 0, k);
            value = derivatives(scaling, y, beta, gradient, hessian);
        }
        return beta;
    }

    /** f at beta. */
    private double objective(Scaling scaling, boolean[] y, double[] beta) {
        double[] z = new double[beta.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            scaling.row(i, z);
            sum += loss(dot(beta, z), y[i]);
        }
        return sum + penalty(beta);
    }

    /** f at beta, its gradient and its Hessian (row-major k × k), in one pass over the rows. */
    private double derivatives(Scaling scaling, boolean[] y, double[] beta, double[] gradient, double[] hessian) {
        int k = beta.length;
        double[] z = new double[k];
        Arrays.fill(gradient, 0);
        Arrays.fill(hessian, 0);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            scaling.row(i, z);
            double eta = dot(beta, z);
            double p = sigmoid(eta);
            double residual = p - (y[i] ? 1 : 0);
            double w = p * (1 - p);
            sum += loss(eta, y[i]);
            for (int a = 0; a < k; a++) {
                gradient[a] += residual * z[a];
                double wa = w * z[a];
                int row = a * k;
                for (int b = a; b < k; b++) {
                    hessian[row + b] += wa * z[b];
                }
            }
        }
        for (int a = 1; a < k; a++) {
            gradient[a] += lambda * beta[a];
            hessian[a * k + a] += lambda;
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                hessian[a * k + b] = hessian[b * k + a];
            }
        }
        return sum + penalty(beta);
    }

    private double penalty(double[] beta) {
        double squares = 0;
        for (int j = 1; j < beta.length; j++) {
            squares += beta[j] * beta[j];
        }
        return lambda / 2 * squares;
    }

    private static double[] solve(double[] hessian, double[] gradient, int k) {
        double[][] h = new double[k][k];
        for (int a = 0; a < k; a++) {
            System.arraycopy(hessian, a * k, h[a], 0, k);
        }
        // The Hessian is positive definite: lambda > 0 on every slope and sum(w) > 0 on the intercept.
        // A zero positivity threshold accepts a tiny lambda with a constant column.
        return new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-12, 0).getSolver()
                .solve(new ArrayRealVector(gradient, false)).toArray();
    }

    /** ln(1 + e^eta) - y eta, without overflow for large |eta|. */
    private static double loss(double eta, boolean y) {
        double softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
        return softplus - (y ? eta : 0);
    }

    private static double sigmoid(double eta) {
        return 1 / (1 + Math.exp(-eta));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    /** The index in {@code x} of each named feature. */
    private static int[] columns(FeatureMatrix x, List<String> features) {
        int[] columns = new int[features.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = x.column(features.get(j));
            if (columns[j] < 0) {
                throw new PulseInputException("the feature rows have no column '" + features.get(j)
                        + "', which the model reads");
            }
        }
        return columns;
    }

    /** Column {@code column} with NaN replaced by its median (0 when it is all NaN), stored in medians[j]. */
    private static double[] imputedColumn(FeatureMatrix x, int column, double[] medians, int j) {
        int n = x.rows();
        double[] values = new double[n];
        double[] present = new double[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            values[i] = x.get(i, column);
            if (!Double.isNaN(values[i])) {
                present[count++] = values[i];
            }
        }
        medians[j] = count == 0 ? 0 : median(present, count);
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = medians[j];
            }
        }
        return values;
    }

    /**
     * The median of values[0, count), rearranging them: Hoare's quickselect, O(n) where a sort of each
     * of 30 columns of a million rows would cost seconds. For an even count, the mean of the two middle
     * values; the upper one is the smallest value right of the lower after the selection.
     */
    static double median(double[] values, int count) {
        int lower = (count - 1) / 2;
        int from = 0;
        int to = count - 1;
        while (from < to) {
            double pivot = values[(from + to) >>> 1];
            int i = from;
            int j = to;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (lower <= j) {
                to = j;
            } else if (lower >= i) {
                from = i;
            } else {
                break; // values (j, i) all equal the pivot
            }
        }
        if (count % 2 == 1) {
            return values[lower];
        }
        double upper = Double.POSITIVE_INFINITY;
        for (int i = lower + 1; i < count; i++) {
            upper = Math.min(upper, values[i]);
        }
        return (values[lower] + upper) / 2;
    }

    /**
     * Mean and population sd of {@code column} into means[j] and sds[j]. A column whose values are all
     * equal gets sd 0 exactly: the mean of n copies of 0.1 may miss 0.1 by an ulp, and dividing by the
     * resulting sd of 1e-17 would turn rounding noise into a feature.
     */
    private static void moments(double[] column, double[] means, double[] sds, int j) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : column) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        means[j] = sum / column.length;
        double squares = 0;
        for (double v : column) {
            squares += (v - means[j]) * (v - means[j]);
        }
        sds[j] = min == max ? 0 : Math.sqrt(squares / column.length);
    }
}
