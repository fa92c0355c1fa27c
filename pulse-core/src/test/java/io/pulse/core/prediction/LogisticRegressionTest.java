package io.pulse.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogisticRegressionTest {

    private static final List<String> FEATURES = List.of("recency", "orders", "constant");

    private static ModelInfo info(List<String> features) {
        return new ModelInfo("logistic", features, "any event in the 30 days after the cutoff", 30, List.of(),
                Map.of(), Map.of(), 1L, "dev", Instant.EPOCH);
    }

    /**
     * 300 rows; columns stored as (unused, orders, recency, constant) so that the model must find its
     * features by name. orders is missing on every tenth row.
     */
    private record Sample(FeatureMatrix x, boolean[] y) {
    }

    private static Sample sample(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] names = {"unused", "orders", "recency", "constant"};
        double[] values = new double[n * 4];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double recency = 30 * random.nextDouble();
            double orders = Math.floor(-3 * Math.log(1 - random.nextDouble()));
            values[4 * i] = random.nextDouble();
            values[4 * i + 1] = i % 10 == 3 ? Double.NaN : orders;
            values[4 * i + 2] = recency;
            values[4 * i + 3] = 7;
            double eta = 1.0 - 0.1 * recency + 0.4 * orders;
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta));
        }
        return new Sample(new FeatureMatrix(names, n, values), y);
    }

    /**
     * The design the fit should use, built here with commons-math statistics: median imputation, then
     * z-scores with the population sd; a constant column is all zeros. Column 0 is the intercept.
     */
    private static double[][] standardised(FeatureMatrix x, List<String> features) {
        double[][] z = new double[x.rows()][features.size() + 1];
        for (int j = 0; j < features.size(); j++) {
            int column = x.column(features.get(j));
            double[] values = new double[x.rows()];
            for (int i = 0; i < x.rows(); i++) {
                values[i] = x.get(i, column);
            }
            double median = new Median().evaluate(Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray());
            double[] imputed = Arrays.stream(values).map(v -> Double.isNaN(v) ? median : v).toArray();
            double mean = new Mean().evaluate(imputed);
            double sd = new StandardDeviation(false).evaluate(imputed);
            for (int i = 0; i < x.rows(); i++) {
                z[i][0] = 1;
                z[i][j + 1] = sd < 1e-9 ? 0 : (imputed[i] - mean) / sd;
            }
        }
        return z;
    }

    /** The penalised negative log-likelihood and its gradient, written from the formula. */
    private static double objective(double[][] z, boolean[] y, double lambda, double[] beta, double[] gradient) {
        double f = 0;
        Arrays.fill(gradient, 0);
        for (int i = 0; i < z.length; i++) {
            double eta = 0;
            for (int j = 0; j < beta.length; j++) {
                eta += beta[j] * z[i][j];
            }
            double p = 1 / (1 + Math.exp(-eta));
            f -= y[i] ? Math.log(p) : Math.log(1 - p);
            for (int j = 0; j < beta.length; j++) {
                gradient[j] += (p - (y[i] ? 1 : 0)) * z[i][j];
            }
        }
        for (int j = 1; j < beta.length; j++) {
            f += lambda / 2 * beta[j] * beta[j];
            gradient[j] += lambda * beta[j];
        }
        return f;
    }

    private static double[] beta(LogisticRegression.Fitted model) {
        double[] beta = new double[model.coefficients().length + 1];
        beta[0] = model.intercept();
        System.arraycopy(model.coefficients(), 0, beta, 1, model.coefficients().length);
        return beta;
    }

    @Test
    void theFitMatchesAConjugateGradientMinimisationOfTheSamePenalisedLikelihood() {
        Sample s = sample(300, 1);
        double lambda = 2.0;
        LogisticRegression.Fitted model = new LogisticRegression(lambda).fit(s.x(), s.y(), info(FEATURES));
        double[][] z = standardised(s.x(), FEATURES);
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-14));
        PointValuePair reference = cg.optimize(new MaxEval(100_000), GoalType.MINIMIZE,
                new InitialGuess(new double[4]),
                new ObjectiveFunction(beta -> objective(z, s.y(), lambda, beta, new double[4])),
                new ObjectiveFunctionGradient(beta -> {
                    double[] gradient = new double[4];
                    objective(z, s.y(), lambda, beta, gradient);
                    return gradient;
                }));
        assertThat(beta(model)).containsExactly(reference.getPoint(), within(1e-5));
        // the constant column carries nothing, and the penalty holds its coefficient at 0.
        assertThat(model.coefficients()[2]).isZero();
        // the simulated signs: recent (low recency) and frequent customers come back.
        assertThat(model.coefficients()[0]).isNegative();
        assertThat(model.coefficients()[1]).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 30_000})
    void thePenalisedGradientVanishesAtTheFit(int n) {
        // with 30,000 rows a last Newton step lowers f by less than f's rounding: the fit must still
        // take it rather than stall short of the tolerance.
        Sample s = sample(n, 2);
        LogisticRegression.Fitted model = new LogisticRegression().fit(s.x(), s.y(), info(FEATURES));
        double[] gradient = new double[4];
        objective(standardised(s.x(), FEATURES), s.y(), 1.0, beta(model), gradient);
        for (double g : gradient) {
            assertThat(Math.abs(g)).isLessThan(LogisticRegression.GRADIENT_TOLERANCE * n);
        }
    }

    @Test
    void anInterceptOnlyModelPredictsTheLogOddsOfTheActiveShare() {
        // three active rows of four, and one constant feature that cannot help: b0 = ln(3/1).
        FeatureMatrix x = new FeatureMatrix(new String[] {"constant"}, 4, new double[] {5, 5, 5, 5});
        LogisticRegression.Fitted model = new LogisticRegression()
                .fit(x, new boolean[] {true, true, true, false}, info(List.of("constant")));
        assertThat(model.intercept()).isCloseTo(Math.log(3), within(1e-9));
        assertThat(model.predict(x)).containsOnly(model.predict(x)[0]);
        assertThat(model.predict(x)[0]).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void savingAndLoadingGivesIdenticalPredictions() {
        Sample s = sample(300, 3);
        LogisticRegression trainer = new LogisticRegression(0.5);
        LogisticRegression.Fitted model = trainer.fit(s.x(), s.y(), info(FEATURES));
        ActivityModel loaded = trainer.load(model.toBytes(), model.info());
        assertThat(loaded.predict(s.x())).containsExactly(model.predict(s.x()));
        assertThat(loaded.explain(3)).isEqualTo(model.explain(3));
    }

    @Test
    void columnsAreReadByNameWhateverTheirOrder() {
        Sample s = sample(100, 4);
        LogisticRegression.Fitted model = new LogisticRegression().fit(s.x(), s.y(), info(FEATURES));
        int[] order = {2, 3, 1};
        String[] names = {"recency", "constant", "orders"};
        double[] values = new double[100 * 3];
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 3; j++) {
                values[3 * i + j] = s.x().get(i, order[j]);
            }
        }
        assertThat(model.predict(new FeatureMatrix(names, 100, values))).containsExactly(model.predict(s.x()));
    }

    @Test
    void aMissingValueScoresAsTheTrainingMedian() {
        Sample s = sample(300, 5);
        LogisticRegression.Fitted model = new LogisticRegression().fit(s.x(), s.y(), info(FEATURES));
        String[] names = {"recency", "orders", "constant"};
        double median = model.medians()[1];
        double[] orders = new double[300];
        for (int i = 0; i < 300; i++) {
            orders[i] = s.x().get(i, s.x().column("orders"));
        }
        assertThat(median).isEqualTo(new Median().evaluate(Arrays.stream(orders).filter(v -> !Double.isNaN(v)).toArray()));
        FeatureMatrix rows = new FeatureMatrix(names, 2, new double[] {10, Double.NaN, 7, 10, median, 7});
        double[] p = model.predict(rows);
        assertThat(p[0]).isEqualTo(p[1]);
    }

    @Test
    void theMedianBySelectionMatchesCommonsMathOnOddAndEvenCountsWithTies() {
        SplittableRandom random = new SplittableRandom(8);
        for (int count : new int[] {1, 2, 3, 10, 101, 1000}) {
            double[] values = random.ints(count, 0, 20).asDoubleStream().toArray();
            double expected = new Median().evaluate(values);
            assertThat(LogisticRegression.median(values.clone(), count)).as("count " + count).isEqualTo(expected);
        }
    }

    @Test
    void separableDataGiveFiniteCoefficientsThanksToThePenalty() {
        double[] values = {-3, -2, -1, -0.5, 0.5, 1, 2, 3};
        boolean[] y = {false, false, false, false, true, true, true, true};
        FeatureMatrix x = new FeatureMatrix(new String[] {"score"}, 8, values);
        LogisticRegression.Fitted model = new LogisticRegression().fit(x, y, info(List.of("score")));
        assertThat(model.coefficients()[0]).isFinite().isPositive();
        double[] p = model.predict(x);
        for (int i = 0; i < 8; i++) {
            assertThat(p[i] >= 0.5).isEqualTo(y[i]);
        }
        double[] gradient = new double[2];
        objective(standardised(x, List.of("score")), y, 1.0, beta(model), gradient);
        assertThat(Math.abs(gradient[0]) + Math.abs(gradient[1])).isLessThan(1e-8);
    }

    @Test
    void explainRanksFeaturesByAbsoluteStandardisedCoefficient() {
        Sample s = sample(300, 6);
        LogisticRegression.Fitted model = new LogisticRegression().fit(s.x(), s.y(), info(FEATURES));
        List<FeatureImportance> top = model.explain(2);
        assertThat(top).hasSize(2);
        assertThat(top.get(0).importance()).isGreaterThanOrEqualTo(top.get(1).importance());
        assertThat(top).allSatisfy(f -> assertThat(f.measure()).isEqualTo("abs_std_coef"));
        int recency = FEATURES.indexOf(top.get(0).feature());
        assertThat(top.get(0).importance()).isEqualTo(Math.abs(model.coefficients()[recency]));
        assertThat(model.info().parameters()).containsEntry("lambda", "1.0");
    }

    @Test
    void aLargerPenaltyShrinksTheCoefficients() {
        Sample s = sample(300, 7);
        double[] loose = new LogisticRegression(0.1).fit(s.x(), s.y(), info(FEATURES)).coefficients();
        double[] tight = new LogisticRegression(100).fit(s.x(), s.y(), info(FEATURES)).coefficients();
        assertThat(Math.abs(tight[0])).isLessThan(Math.abs(loose[0]));
        assertThat(Math.abs(tight[1])).isLessThan(Math.abs(loose[1]));
    }
}
