package io.pulse.core.clv;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over the logs of positive parameters with the Nelder-Mead simplex.
 *
 * <p>Working in log space keeps every parameter positive without constraints. Each start is followed
 * by restarts from its optimum, because a simplex that has collapsed along a flat ridge (the
 * Pareto/NBD surface is one) stops early; a fresh simplex at the same point moves on. Points where
 * the likelihood is not finite are treated as impossible.
 */
final class MaximumLikelihood {

    /** exp(+-20) spans 2e-9 to 5e8: wider than any plausible rate or shape parameter. */
    private static final double LOG_BOUND = 20;
    private static final int MAX_RESTARTS = 8;

    private MaximumLikelihood() {
    }

    /** @return the best parameters found (not their logs) followed by the log-likelihood there */
    static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[][] starts) {
        ObjectiveFunction objective = new ObjectiveFunction(logTheta -> {
            double[] theta = new double[logTheta.length];
            for (int i = 0; i < logTheta.length; i++) {
                if (Math.abs(logTheta[i]) > LOG_BOUND) {
                    return Double.POSITIVE_INFINITY;
                }
                theta[i] = Math.exp(logTheta[i]);
            }
            double ll = logLikelihood.applyAsDouble(theta);
            return Double.isFinite(ll) ? -ll : Double.POSITIVE_INFINITY;
        });
        PointValuePair best = null;
        for (double[] start : starts) {
            double[] point = new double[start.length];
            for (int i = 0; i < start.length; i++) {
                point[i] = Math.log(start[i]);
            }
            PointValuePair current = null;
            for (int restart = 0; restart < MAX_RESTARTS; restart++) {
                SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-11));
                PointValuePair next = optimizer.optimize(new MaxEval(20_000), objective, GoalType.MINIMIZE,
                        new InitialGuess(point), new NelderMeadSimplex(point.length, 0.3));
                boolean improved = current == null || next.getValue() < current.getValue() - 1e-9;
                current = next;
                point = next.getPoint();
                if (!improved) {
                    break;
                }
            }
            if (best == null || current.getValue() < best.getValue()) {
                best = current;
            }
        }
        double[] logTheta = best.getPoint();
        double[] result = new double[logTheta.length + 1];
        for (int i = 0; i < logTheta.length; i++) {
            result[i] = Math.exp(logTheta[i]);
        }
        result[logTheta.length] = -best.getValue();
        return result;
    }
}
