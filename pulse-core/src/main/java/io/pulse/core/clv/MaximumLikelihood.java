package io.pulse.core.clv;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over the logs of positive parameters: BFGS with an Armijo backtracking
 * line search (Nocedal and Wright 2006, algorithm 6.1 and 3.1) from each of several starts, keeping
 * the best.
 *
 * <p>Working in log space keeps every parameter positive without constraints, and puts rates and
 * shapes of very different sizes on one scale; the gradient there is theta_i dLL/dtheta_i. BFGS needs
 * a few dozen likelihood evaluations where the Nelder-Mead simplex needed thousands. The simplex
 * remains as the fallback for a likelihood whose gradient cannot be evaluated at any start (a 2F1
 * series that does not converge there), since it needs values only. Points where the likelihood is not
 * finite are treated as impossible.
 */
final class MaximumLikelihood {

    /** exp(+-20) spans 2e-9 to 5e8: wider than any plausible rate or shape parameter. */
    private static final double LOG_BOUND = 20;
    /** The longest step in any log-parameter, a factor e: a first step along a raw gradient of size 1e4 must not leave the plausible range. */
    private static final double MAX_STEP = 1;
    private static final int MAX_ITERATIONS = 500;
    private static final int MAX_HALVINGS = 40;
    private static final double ARMIJO = 1e-4;
    /** Stop when every log-space gradient component is below this fraction of |LL| (about 1e-5 of a nat on CDNOW). */
    private static final double GRADIENT_TOLERANCE = 1e-9;
    /**
     * Stop when the quasi-Newton step promises less than this fraction of |LL|: the gain could not be
     * told from rounding in a sum over a million customers, and line searches there only fail. On
     * CDNOW it is 1e-8 nats.
     */
    private static final double DECREMENT_TOLERANCE = 1e-12;
    private static final int MAX_SIMPLEX_RESTARTS = 8;

    private MaximumLikelihood() {
    }

    /** @return the best parameters found (not their logs) followed by the log-likelihood there */
    static double[] maximise(LogLikelihood logLikelihood, double[][] starts) {
        return maximise(logLikelihood, logLikelihood, starts);
    }

    /**
     * Runs every start on {@code screening}, a likelihood over a sample of the data, then polishes the
     * best optimum on the full {@code logLikelihood}. A million customers compress to a few hundred
     * thousand tuples, too many to run four starts on; a sample finds the same basin at a tenth of the
     * cost. The polish starts from the sample's inverse Hessian scaled by LL_sample / LL_full (the
     * Hessian grows with the number of customers), so it needs only a few full evaluations.
     *
     * @return the best parameters found (not their logs) followed by the log-likelihood there
     */
    static double[] maximise(LogLikelihood logLikelihood, LogLikelihood screening, double[][] starts) {
        LogSpace f = new LogSpace(logLikelihood);
        Optimum best = null;
        for (double[] start : starts) {
            Optimum found = bfgs(new LogSpace(screening), logs(start), null);
            if (found != null && (best == null || found.value < best.value)) {
                best = found;
            }
        }
        if (best != null && screening != logLikelihood) {
            double full = f.evaluate(best.point, null);
            best = bfgs(f, best.point.clone(), scaled(best.inverseHessian, best.value / full));
        }
        double[] point = best != null ? best.point : simplex(f, starts).point;
        double value = best != null ? best.value : f.evaluate(point, null);
        double[] result = new double[point.length + 1];
        for (int i = 0; i < point.length; i++) {
            result[i] = Math.exp(point[i]);
        }
        result[point.length] = -value;
        return result;
    }

    /** Log-parameters, -LL there, and the BFGS inverse Hessian (null from the simplex). */
    record Optimum(double[] point, double value, double[][] inverseHessian) {
    }

    /**
     * Minimises -LL from {@code v}. Without a given inverse Hessian it starts as the identity, is
     * rescaled after the first step by s'y/y'y (Nocedal and Wright eq. 6.20), and is not updated when
     * s'y <= 0, so it stays positive definite without a Wolfe curvature search.
     *
     * @return the optimum, or null when LL or its gradient is not finite at the start
     */
    static Optimum bfgs(LogSpace f, double[] v, double[][] initialInverseHessian) {
        int n = v.length;
        double[] g = new double[n];
        double fv = f.evaluate(v, g);
        if (!Double.isFinite(fv) || !allFinite(g) || initialInverseHessian != null && !allFinite(initialInverseHessian)) {
            return null;
        }
        boolean rescale = initialInverseHessian == null;
        double[][] h = rescale ? identity(n) : initialInverseHessian;
        double[] next = new double[n];
        double[] gNext = new double[n];
        double[] d = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (maxAbs(g) <= GRADIENT_TOLERANCE * Math.max(1, Math.abs(fv))) {
                break;
            }
            multiply(h, g, d);
            double slope = 0;
            for (int i = 0; i < n; i++) {
                d[i] = -d[i];
                slope += g[i] * d[i];
            }
            if (!(slope < 0)) {
                h = identity(n);
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = -dot(g, g);
            }
            if (-slope <= DECREMENT_TOLERANCE * Math.max(1, Math.abs(fv))) {
                break;
            }
            double step = Math.min(1, MAX_STEP / maxAbs(d));
            double fNext = Double.NaN;
            int halvings = 0;
            for (; halvings < MAX_HALVINGS; halvings++, step /= 2) {
                for (int i = 0; i < n; i++) {
                    next[i] = v[i] + step * d[i];
                }
                fNext = f.evaluate(next, gNext);
                if (fNext <= fv + ARMIJO * step * slope && allFinite(gNext)) {
                    break;
                }
            }
            if (halvings == MAX_HALVINGS) {
                break;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next[i] - v[i];
                y[i] = gNext[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 0) {
                if (iteration == 0 && rescale) {
                    h = identity(n);
                    double scale = sy / dot(y, y);
                    for (int i = 0; i < n; i++) {
                        h[i][i] = scale;
                    }
                }
                update(h, s, y, sy);
            }
            boolean stalled = fv - fNext <= 1e-15 * Math.abs(fv);
            System.arraycopy(next, 0, v, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            fv = fNext;
            if (stalled && halvings > 0) {
                break;
            }
        }
        return new Optimum(v, fv, h);
    }


    /** H <- (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / s'y (Nocedal and Wright eq. 6.17). */
    private static void update(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = new double[n];
        multiply(h, y, hy);
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    /**
     * The Nelder-Mead simplex on values alone. Each start is followed by restarts from its optimum,
     * because a simplex that has collapsed along a flat ridge stops early; a fresh one moves on.
     */
    static Optimum simplex(LogSpace f, double[][] starts) {
        ObjectiveFunction objective = new ObjectiveFunction(v -> f.evaluate(v, null));
        PointValuePair best = null;
        for (double[] start : starts) {
            double[] point = logs(start);
            PointValuePair current = null;
            for (int restart = 0; restart < MAX_SIMPLEX_RESTARTS; restart++) {
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
        return new Optimum(best.getPoint(), best.getValue(), null);
    }

    /** -LL and its gradient as functions of v = log theta; +infinity outside the plausible box or where LL is not finite. */
    record LogSpace(LogLikelihood logLikelihood) {

        double evaluate(double[] v, double[] gradient) {
            double[] theta = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                if (!(Math.abs(v[i]) <= LOG_BOUND)) {
                    return Double.POSITIVE_INFINITY;
                }
                theta[i] = Math.exp(v[i]);
            }
            double ll = logLikelihood.evaluate(theta, gradient);
            if (!Double.isFinite(ll)) {
                return Double.POSITIVE_INFINITY;
            }
            if (gradient != null) {
                for (int i = 0; i < v.length; i++) {
                    gradient[i] = -theta[i] * gradient[i];
                }
            }
            return -ll;
        }
    }

    private static double[] logs(double[] theta) {
        double[] v = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            v[i] = Math.log(theta[i]);
        }
        return v;
    }

    private static double[][] scaled(double[][] m, double factor) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= factor;
            }
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = 1;
        }
        return h;
    }

    private static void multiply(double[][] m, double[] v, double[] out) {
        for (int i = 0; i < v.length; i++) {
            out[i] = dot(m[i], v);
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(double[][] m) {
        for (double[] row : m) {
            if (!allFinite(row)) {
                return false;
            }
        }
        return true;
    }
}
